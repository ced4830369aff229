package dev.wasitrace.recorder;

import com.dylibso.chicory.runtime.Memory;
import java.io.ByteArrayOutputStream;

/** Reading WASI structures out of guest memory. */
final class GuestMemory {
  private GuestMemory() {}

  /** The bytes of an iovec array, concatenated, at most {@code limit} of them. */
  static byte[] gather(Memory memory, int iovs, int iovsLen, long limit) {
    if (iovsLen == 1) {
      int length = (int) Math.min(memory.readInt(iovs + 4), limit);
      return memory.readBytes(memory.readInt(iovs), Math.max(0, length));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long left = limit;
    for (int i = 0; i < iovsLen && left > 0; i++) {
      int base = iovs + i * 8;
      int length = (int) Math.min(memory.readInt(base + 4), left);
      if (length > 0) {
        out.writeBytes(memory.readBytes(memory.readInt(base), length));
        left -= length;
      }
    }
    return out.toByteArray();
  }

  /** The total length an iovec array describes. */
  static long iovsLength(Memory memory, int iovs, int iovsLen) {
    long total = 0;
    for (int i = 0; i < iovsLen; i++) {
      total += Integer.toUnsignedLong(memory.readInt(iovs + i * 8 + 4));
    }
    return total;
  }

  static String string(Memory memory, long ptr, long len) {
    return memory.readString((int) ptr, (int) len);
  }
}
