package dev.wasitrace.recorder;

import java.util.Arrays;
import run.endive.runtime.Instance;
import run.endive.runtime.Memory;
import run.endive.wasm.types.DataSegment;

/**
 * The guest's memory as the host sees it during one recorded call: every access goes to the real
 * memory, and every write is also noted (see {@link MemoryWrites}) so replay can make the same
 * writes. The guest's own code never goes through this class, so it costs nothing there.
 */
@SuppressWarnings("removal") // Memory still declares the deprecated wait/notify methods.
final class CapturingMemory implements Memory {
  private static final int MAX_READS = 16;

  private Memory memory;
  private boolean dataMode;
  private final MemoryWrites.Encoder encoder = new MemoryWrites.Encoder();
  // The byte arrays the host read from the guest (e.g. fd_write's iovecs), kept so the
  // recorder need not read them a second time.
  private final byte[][] reads = new byte[MAX_READS][];
  private int readCount;
  private boolean readsOverflowed;

  /** Starts a call; in data mode bulk writes are the bytes read and go to the data part. */
  void begin(Memory memory, boolean dataMode) {
    this.memory = memory;
    this.dataMode = dataMode;
    encoder.reset();
    readCount = 0;
    readsOverflowed = false;
  }

  /**
   * The first {@code limit} bytes the host read in bulk during this call, in order, or null if it
   * read too many pieces to keep.
   */
  byte[] bulkReads(long limit) {
    if (readsOverflowed) {
      return null;
    }
    if (readCount == 1 && reads[0].length == limit) {
      return reads[0];
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long left = limit;
    for (int i = 0; i < readCount && left > 0; i++) {
      int length = (int) Math.min(reads[i].length, left);
      out.write(reads[i], 0, length);
      left -= length;
    }
    return out.toByteArray();
  }

  /** What the host wrote during the current call. */
  MemoryWrites.Encoder writes() {
    return encoder;
  }

  // Writes: performed first (a fault throws before anything is noted), then noted.

  @Override
  public void write(int addr, byte[] bytes, int offset, int size) {
    memory.write(addr, bytes, offset, size);
    encoder.bytes(addr, bytes, offset, size, dataMode);
  }

  @Override
  public void writeI32(int addr, int value) {
    memory.writeI32(addr, value);
    encoder.scalar(addr, value, 4);
  }

  @Override
  public void writeLong(int addr, long value) {
    memory.writeLong(addr, value);
    encoder.scalar(addr, value, 8);
  }

  @Override
  public void writeShort(int addr, short value) {
    memory.writeShort(addr, value);
    encoder.scalar(addr, value, 2);
  }

  @Override
  public void writeByte(int addr, byte value) {
    memory.writeByte(addr, value);
    encoder.scalar(addr, value, 1);
  }

  @Override
  public void writeF32(int addr, float value) {
    memory.writeF32(addr, value);
    encoder.scalar(addr, Float.floatToRawIntBits(value), 4);
  }

  @Override
  public void writeF64(int addr, double value) {
    memory.writeF64(addr, value);
    encoder.scalar(addr, Double.doubleToRawLongBits(value), 8);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    memory.fill(value, fromIndex, toIndex);
    byte[] bytes = new byte[Math.max(0, toIndex - fromIndex)];
    Arrays.fill(bytes, value);
    encoder.bytes(fromIndex, bytes, 0, bytes.length, false);
  }

  @Override
  public void zero() {
    fill((byte) 0, 0, pages() * PAGE_SIZE);
  }

  // Everything else goes straight to the real memory.

  @Override
  public int pages() {
    return memory.pages();
  }

  @Override
  public int grow(int size) {
    return memory.grow(size);
  }

  @Override
  public int initialPages() {
    return memory.initialPages();
  }

  @Override
  public int maximumPages() {
    return memory.maximumPages();
  }

  @Override
  public boolean shared() {
    return memory.shared();
  }

  @Override
  public Object lock(int address) {
    return memory.lock(address);
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    return memory.waitOn(address, expected, timeout);
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    return memory.waitOn(address, expected, timeout);
  }

  @Override
  public int notify(int address, int maxThreads) {
    return memory.notify(address, maxThreads);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    memory.initialize(instance, dataSegments);
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    memory.initPassiveSegment(segmentId, dest, offset, size);
  }

  @Override
  public byte read(int addr) {
    return memory.read(addr);
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    byte[] bytes = memory.readBytes(addr, len);
    if (readCount < MAX_READS) {
      reads[readCount++] = bytes;
    } else {
      readsOverflowed = true;
    }
    return bytes;
  }

  @Override
  public int readInt(int addr) {
    return memory.readInt(addr);
  }

  @Override
  public long readLong(int addr) {
    return memory.readLong(addr);
  }

  @Override
  public short readShort(int addr) {
    return memory.readShort(addr);
  }

  @Override
  public long readU16(int addr) {
    return memory.readU16(addr);
  }

  @Override
  public long readF32(int addr) {
    return memory.readF32(addr);
  }

  @Override
  public float readFloat(int addr) {
    return memory.readFloat(addr);
  }

  @Override
  public double readDouble(int addr) {
    return memory.readDouble(addr);
  }

  @Override
  public long readF64(int addr) {
    return memory.readF64(addr);
  }

  @Override
  public void drop(int segment) {
    memory.drop(segment);
  }
}
