package dev.wasitrace.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/** Writes through to the log file, folding the bytes of the message being written into a CRC. */
final class ChecksummingChannel implements WritableByteChannel {
  private final WritableByteChannel out;
  private final byte[] processId;
  private final CRC32C crc = new CRC32C();

  ChecksummingChannel(WritableByteChannel out, byte[] processId) {
    this.out = out;
    this.processId = processId;
  }

  /** Starts the CRC of a new message. */
  void startMessage() {
    crc.reset();
    crc.update(processId);
  }

  /** The entry of the message written since {@link #startMessage()}, its CRC filled in. */
  LogChecksums.Entry finishMessage(long offset, int length, int index, long firstSeq, int rows) {
    LogChecksums.Entry fields = new LogChecksums.Entry(offset, length, index, firstSeq, rows, 0);
    return new LogChecksums.Entry(
        offset, length, index, firstSeq, rows, LogChecksums.finish(crc, fields));
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ByteBuffer written = src.duplicate();
    int n = out.write(src);
    written.limit(written.position() + n);
    crc.update(written);
    return n;
  }

  @Override
  public boolean isOpen() {
    return out.isOpen();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
