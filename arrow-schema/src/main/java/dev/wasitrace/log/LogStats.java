package dev.wasitrace.log;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;

/**
 * Sizes of a log, read from its message headers without decompressing anything: records, batches,
 * compressed and uncompressed record data, and the metadata around it.
 */
public record LogStats(
    long records,
    long batches,
    long compressedBytes,
    long uncompressedBytes,
    long metadataBytes,
    long fileBytes,
    boolean cutShort) {

  /** 1 - compressed/uncompressed, or 0 for an empty log. */
  public double compressionRatio() {
    return uncompressedBytes == 0 ? 0 : 1.0 - (double) compressedBytes / uncompressedBytes;
  }

  public static LogStats scan(Path path) throws IOException {
    long records = 0;
    long batches = 0;
    long compressed = 0;
    long uncompressed = 0;
    boolean cutShort = false;
    long fileBytes;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        BufferAllocator allocator = new RootAllocator();
        MessageChannelReader reader =
            new MessageChannelReader(new ReadChannel(channel), allocator)) {
      fileBytes = channel.size();
      while (true) {
        MessageResult result;
        try {
          result = reader.readNext();
        } catch (IOException | RuntimeException e) {
          cutShort = true;
          break;
        }
        if (result == null) {
          break;
        }
        ArrowBuf bodyBuffer = result.getBodyBuffer();
        try {
          long bodyLength = result.getMessage().bodyLength();
          if (result.getMessage().headerType() == MessageHeader.RecordBatch) {
            RecordBatch batch = (RecordBatch) result.getMessage().header(new RecordBatch());
            records += batch.length();
            batches++;
            compressed += bodyLength;
            uncompressed += uncompressedSize(batch, bodyBuffer);
          }
        } finally {
          if (bodyBuffer != null) {
            bodyBuffer.close();
          }
        }
      }
      if (!cutShort && reader.bytesRead() < fileBytes - 8) {
        cutShort = true;
      }
    }
    // Everything that is not record data: schema, dictionary, message headers, end marker.
    return new LogStats(
        records, batches, compressed, uncompressed, fileBytes - compressed, fileBytes, cutShort);
  }

  private static long uncompressedSize(RecordBatch batch, ArrowBuf body) {
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
      long prefix = body.nioBuffer(buffer.offset(), 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      total += prefix == -1 ? length - 8 : prefix;
    }
    return total;
  }
}
