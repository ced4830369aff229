package dev.wasitrace.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Sizes of a log, read from its message headers without decompressing anything: records, batches,
 * compressed and uncompressed record data, and the metadata around it. Only what the log's
 * checksums vouch for is counted (all of a format-1 log, which has none); {@code problem} says why
 * the scan stopped early, as {@link LogReader#truncation()} would.
 */
public record LogStats(
    long records,
    long batches,
    long compressedBytes,
    long uncompressedBytes,
    long metadataBytes,
    long fileBytes,
    boolean cutShort,
    boolean damaged,
    String problem,
    boolean complete) {

  /** 1 - compressed/uncompressed, or 0 for an empty log. */
  public double compressionRatio() {
    return uncompressedBytes == 0 ? 0 : 1.0 - (double) compressedBytes / uncompressedBytes;
  }

  public static LogStats scan(Path path) throws IOException {
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
      LogChecksums.Contents sums;
      try {
        sums = LogChecksums.read(LogChecksums.pathFor(path));
      } catch (InvalidLogException e) {
        return new LogStats(
            0,
            0,
            0,
            0,
            file.size(),
            file.size(),
            true,
            true,
            "the log is damaged: " + e.getMessage(),
            false);
      }
      VerifiedLogChannel verified = sums == null ? null : new VerifiedLogChannel(file, sums);
      Scan scan = new Scan(verified != null ? verified : file);
      String problem = scan.run();
      boolean damaged = false;
      if (verified != null && verified.stop() != null) {
        problem = verified.stop().describe();
        damaged = verified.stop().damaged();
      }
      long fileBytes = file.size();
      return new LogStats(
          scan.records,
          scan.batches,
          scan.compressed,
          scan.uncompressed,
          fileBytes - scan.compressed,
          fileBytes,
          problem != null,
          damaged,
          problem,
          scan.complete);
    }
  }

  /** Walks the messages, reading each header and only the prefixes of compressed buffers. */
  private static final class Scan {
    private final ReadableByteChannel in;
    long position;
    long records;
    long batches;
    long compressed;
    long uncompressed;
    boolean complete; // its end-of-stream marker was read

    Scan(ReadableByteChannel in) {
      this.in = in;
    }

    /** Null at the end of the stream, else why it stopped. */
    String run() throws IOException {
      while (true) {
        long start = position;
        ByteBuffer prefix = read(8);
        if (prefix == null) {
          // Without its end-of-stream marker: a killed run's log, whole or cut inside a message.
          return position == start ? null : "the log ends inside a message";
        }
        if (prefix.getInt() != -1) {
          return "a message lacks its continuation marker";
        }
        int length = prefix.getInt();
        if (length == 0) {
          complete = true; // the end-of-stream marker
          return null;
        }
        if (length < 0) {
          return "a message header has a negative length";
        }
        ByteBuffer metadata = read(length);
        if (metadata == null) {
          return "the log ends inside a message header";
        }
        Message message;
        long bodyLength;
        try {
          message = Message.getRootAsMessage(metadata);
          bodyLength = message.bodyLength();
        } catch (RuntimeException e) {
          return "a message header is unreadable";
        }
        if (bodyLength < 0 || bodyLength > Integer.MAX_VALUE) {
          return "a message has an impossible body length";
        }
        ByteBuffer body = read((int) bodyLength);
        if (body == null) {
          return "the log ends inside a message body";
        }
        try {
          if (message.headerType() == MessageHeader.RecordBatch) {
            RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
            uncompressed += uncompressedSize(batch, body);
            records += batch.length();
            batches++;
            compressed += bodyLength;
          }
        } catch (RuntimeException e) {
          return "a batch header is unreadable";
        }
      }
    }

    /**
     * The next n bytes, or null where the stream ends first. Read in steps as they come, so a
     * damaged length never makes room for more than the log holds.
     */
    private ByteBuffer read(int n) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(Math.min(n, 1 << 20));
      while (bytes.position() < n) {
        if (!bytes.hasRemaining()) {
          ByteBuffer grown = ByteBuffer.allocate((int) Math.min(n, 2L * bytes.capacity()));
          bytes = grown.put(bytes.flip());
        }
        int got = in.read(bytes);
        if (got < 0) {
          return null;
        }
        position += got;
      }
      return bytes.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private static long uncompressedSize(RecordBatch batch, ByteBuffer body) {
    boolean isCompressed = batch.compression() != null;
    long total = 0;
    Buffer buffer = new Buffer();
    for (int i = 0; i < batch.buffersLength(); i++) {
      batch.buffers(buffer, i);
      long length = buffer.length();
      if (!isCompressed || length < 8) {
        total += length;
        continue;
      }
      // A compressed buffer starts with its uncompressed length; -1 means stored as is.
      long prefix = body.getLong((int) buffer.offset());
      total += prefix == -1 ? length - 8 : prefix;
    }
    return total;
  }
}
