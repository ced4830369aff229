package dev.wasitrace.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The checksums of a log (format version 2): a file beside it, {@code log.arrow.sums}, with one
 * entry per message of the stream — entry 0 for the schema and dictionary, then one per record
 * batch — appended right after the message. Little-endian:
 *
 * <pre>
 * header  "WTSUMS02" (8 bytes), the process ID (UTF-8, padded with zeros to 40 bytes)
 * entry   u64 offset, u32 length       where the message lies in the log, its framing included
 *         u32 index                    0 for the header, 1.. for record batches in order
 *         u64 first_seq, u32 rows      the records the batch holds (0 and 0 for the header)
 *         u32 crc32c                   of the process ID, the message's bytes, then the entry's
 *                                      fields above
 * </pre>
 *
 * So damage to a message or to its entry, a message moved, repeated, dropped or taken from another
 * process's log, all fail the check. The process ID in the header is checked against the log's own.
 */
public final class LogChecksums {
  static final byte[] MAGIC = "WTSUMS02".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = 48;
  static final int ENTRY_BYTES = 32;
  private static final int ID_BYTES = HEADER_BYTES - 8;

  private LogChecksums() {}

  /** The checksum file of a log. */
  public static Path pathFor(Path log) {
    return log.resolveSibling(log.getFileName() + ".sums");
  }

  /** One message's entry. */
  record Entry(long offset, int length, int index, long firstSeq, int rows, int crc) {
    long end() {
      return offset + length;
    }
  }

  /** The CRC of a message's bytes as an entry holds it. */
  static int crc(byte[] processId, ByteBuffer message, Entry fields) {
    CRC32C crc = new CRC32C();
    crc.update(processId);
    crc.update(message.duplicate());
    return finish(crc, fields);
  }

  /** Ends a CRC over the process ID and a message's bytes with the entry's fields. */
  static int finish(CRC32C crc, Entry fields) {
    ByteBuffer tail = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    tail.putLong(fields.offset())
        .putInt(fields.length())
        .putInt(fields.index())
        .putLong(fields.firstSeq())
        .putInt(fields.rows());
    crc.update(tail.array());
    return (int) crc.getValue();
  }

  static byte[] processIdBytes(String processId) {
    byte[] id = processId.getBytes(StandardCharsets.UTF_8);
    return id.length > ID_BYTES ? Arrays.copyOf(id, ID_BYTES) : id;
  }

  /** Appends entries to a new checksum file. */
  static final class Writer implements AutoCloseable {
    private final FileChannel file;

    Writer(Path path, String processId) throws IOException {
      this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      header.put(MAGIC).put(processIdBytes(processId));
      header.position(HEADER_BYTES).flip();
      writeFully(header);
    }

    void append(Entry entry) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes
          .putLong(entry.offset())
          .putInt(entry.length())
          .putInt(entry.index())
          .putLong(entry.firstSeq())
          .putInt(entry.rows())
          .putInt(entry.crc())
          .flip();
      writeFully(bytes);
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** A checksum file as read: its process ID and entries (a cut-off last entry left out). */
  record Contents(byte[] processId, List<Entry> entries) {}

  /**
   * Reads a log's checksum file; null when there is none (a version-1 log).
   *
   * @throws InvalidLogException when the file is not a checksum file
   */
  static Contents read(Path path) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (bytes.length < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new InvalidLogException(
          "its checksum file " + path.getFileName() + " has a damaged header");
    }
    int idEnd = MAGIC.length;
    while (idEnd < HEADER_BYTES && bytes[idEnd] != 0) {
      idEnd++;
    }
    byte[] processId = Arrays.copyOfRange(bytes, MAGIC.length, idEnd);
    ByteBuffer in =
        ByteBuffer.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    List<Entry> entries = new ArrayList<>();
    while (in.remaining() >= ENTRY_BYTES) {
      entries.add(
          new Entry(
              in.getLong(), in.getInt(), in.getInt(), in.getLong(), in.getInt(), in.getInt()));
    }
    return new Contents(processId, List.copyOf(entries));
  }
}
