package dev.wasitrace.recorder;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import run.endive.runtime.Memory;

/**
 * Bounds-checked reads of guest memory, for decoding calls. Pointers are unsigned 32-bit; anything
 * outside the memory throws {@link WildPointer} before Endive is asked, so a wild length can never
 * make us allocate a huge array.
 */
public final class GuestReader {
  /** A read outside guest memory: the caller prints the raw pointer instead. */
  public static final class WildPointer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WildPointer() {
      super(null, null, false, false);
    }
  }

  /** Longest NUL-terminated string or path we read (PATH_MAX). */
  public static final int MAX_STRING = 4096;

  private final Memory memory;
  private final long size;

  public GuestReader(Memory memory) {
    this.memory = memory;
    this.size = (long) memory.pages() * Memory.PAGE_SIZE;
  }

  public int check(long ptr, long length) {
    if (ptr < 0 || length < 0 || ptr + length > size) {
      throw new WildPointer();
    }
    return (int) ptr;
  }

  public long u8(long ptr) {
    return memory.read(check(ptr, 1)) & 0xffL;
  }

  public long u16(long ptr) {
    return memory.readShort(check(ptr, 2)) & 0xffffL;
  }

  public long u32(long ptr) {
    return memory.readInt(check(ptr, 4)) & 0xffffffffL;
  }

  public long u64(long ptr) {
    return memory.readLong(check(ptr, 8));
  }

  public byte[] bytes(long ptr, long length) {
    return memory.readBytes(check(ptr, length), (int) length);
  }

  /** A NUL-terminated string, at most {@link #MAX_STRING} bytes. */
  public byte[] cString(long ptr) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long p = ptr; out.size() < MAX_STRING; p++) {
      byte b = (byte) u8(p);
      if (b == 0) {
        break;
      }
      out.write(b);
    }
    return out.toByteArray();
  }

  /** The total length an iovec array ({u32 buf, u32 len} each) describes. */
  public long iovsLength(long iovs, long count) {
    check(iovs, count * 8); // a wild count fails here, not after a long walk
    long total = 0;
    for (long i = 0; i < count; i++) {
      total += u32(iovs + i * 8 + 4);
    }
    return total;
  }

  /**
   * The first {@code limit} bytes of an iovec array, of which only the first {@code keep} are
   * copied out. Every buffer up to {@code limit} must lie in memory, so a write that faulted shows
   * as a raw pointer.
   */
  public byte[] gather(long iovs, long count, long limit, long keep) {
    check(iovs, count * 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long left = limit;
    for (long i = 0; i < count && left > 0; i++) {
      long buf = u32(iovs + i * 8);
      long length = Math.min(u32(iovs + i * 8 + 4), left);
      check(buf, length);
      int shown = (int) Math.min(length, Math.max(0, keep - out.size()));
      out.writeBytes(bytes(buf, shown));
      left -= length;
    }
    return out.toByteArray();
  }

  /**
   * The strings of an argv-style array written by args_get/environ_get: pointers into one buffer,
   * each string right after the previous one's NUL. The count is not a parameter, so the walk stops
   * at the first pointer that breaks that pattern (the guest's NULL terminator).
   */
  public List<byte[]> stringArray(long array, long buffer, int max) {
    List<byte[]> strings = new ArrayList<>();
    long expected = buffer;
    for (int i = 0; i < max; i++) {
      if (u32(array + i * 4L) != expected) {
        break;
      }
      byte[] string = cString(expected);
      strings.add(string);
      expected += string.length + 1;
    }
    return strings;
  }
}
