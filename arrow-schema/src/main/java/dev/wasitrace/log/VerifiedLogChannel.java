package dev.wasitrace.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * The bytes of a log as the Arrow reader may see them: message by message, each handed on only
 * after its checksum entry matched (in place, order and content), so nothing damaged reaches Arrow,
 * let alone DuckDB. At the first message that fails, or that has no entry, the stream ends there,
 * as a killed run's does, and {@link #stop()} says why.
 */
final class VerifiedLogChannel implements ReadableByteChannel {
  private static final ByteBuffer END_OF_STREAM =
      ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0});

  /** Why the verified bytes end before the log does. */
  record Stop(long batch, long firstRecord, String reason, boolean damaged) {
    /** As readers say it: {@code the log is damaged at batch 3 (checksum mismatch)}. */
    String describe() {
      return (damaged ? "the log is damaged at batch " : "the log is cut short at batch ")
          + batch
          + " ("
          + reason
          + ")";
    }
  }

  private final FileChannel file;
  private final long fileSize;
  private final byte[] processId;
  private final List<LogChecksums.Entry> entries;
  private ByteBuffer current = ByteBuffer.allocate(0);
  private int nextEntry;
  private long offset;
  private long nextSeq;
  private boolean ended;
  private Stop stop;

  VerifiedLogChannel(FileChannel file, LogChecksums.Contents sums) throws IOException {
    this.file = file;
    this.fileSize = file.size();
    this.processId = sums.processId();
    this.entries = sums.entries();
  }

  /** Why reading stopped early, or null while the bytes served were all the log has. */
  Stop stop() {
    return stop;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    while (!current.hasRemaining()) {
      if (ended || !advance()) {
        ended = true;
        return -1;
      }
    }
    int n = Math.min(dst.remaining(), current.remaining());
    ByteBuffer slice = current.slice();
    slice.limit(n);
    dst.put(slice);
    current.position(current.position() + n);
    return n;
  }

  private boolean advance() throws IOException {
    long batch = nextEntry;
    if (nextEntry == entries.size()) {
      return atEnd(batch);
    }
    LogChecksums.Entry entry = entries.get(nextEntry);
    if (entry.offset() != offset || entry.index() != nextEntry || entry.length() <= 0) {
      return stopAt(batch, "its checksum entry does not follow the one before", true);
    }
    if (entry.end() > fileSize) {
      return stopAt(batch, "the file ends inside it", false);
    }
    ByteBuffer bytes = ByteBuffer.allocate(entry.length());
    while (bytes.hasRemaining()) {
      if (file.read(bytes, entry.offset() + bytes.position()) < 0) {
        return stopAt(batch, "the file ends inside it", false);
      }
    }
    bytes.flip();
    if (LogChecksums.crc(processId, bytes, entry) != entry.crc()) {
      return stopAt(batch, "checksum mismatch", true);
    }
    current = bytes;
    offset = entry.end();
    if (nextEntry > 0) {
      nextSeq = entry.firstSeq() + entry.rows();
    }
    nextEntry++;
    return true;
  }

  /** After the last entry: the end-of-stream marker, nothing (still running or killed), or more. */
  private boolean atEnd(long batch) throws IOException {
    long rest = fileSize - offset;
    if (rest == 0) {
      return false;
    }
    if (rest == END_OF_STREAM.capacity()) {
      ByteBuffer tail = ByteBuffer.allocate(END_OF_STREAM.capacity());
      file.read(tail, offset);
      tail.flip();
      if (tail.equals(END_OF_STREAM)) {
        current = tail;
        offset = fileSize;
        return true;
      }
    }
    return stopAt(
        batch, "it has no checksum: the run was killed while writing it, or it is damaged", false);
  }

  private boolean stopAt(long batch, String reason, boolean damaged) {
    stop = new Stop(batch, nextSeq, reason, damaged);
    return false;
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
