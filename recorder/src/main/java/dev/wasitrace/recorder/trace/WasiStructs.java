package dev.wasitrace.recorder.trace;

import dev.wasitrace.recorder.GuestReader;
import dev.wasitrace.wasi.EscapedBytes;
import dev.wasitrace.wasi.WasiNames;
import java.util.ArrayList;
import java.util.List;

/** Decoders of the WASI structures the host writes or reads: layouts from the preview1 ABI. */
final class WasiStructs {
  private WasiStructs() {}

  /** fdstat: u8 filetype, u16 flags at 2, u64 rights_base at 8. */
  static String fdstat(GuestReader memory, long ptr) {
    return "filetype="
        + WasiNames.filetype(memory.u8(ptr))
        + ", flags="
        + WasiNames.fdflags(memory.u16(ptr + 2))
        + ", rights=0x"
        + Long.toHexString(memory.u64(ptr + 8));
  }

  /** filestat: u8 filetype at 16, u64 size at 32. */
  static String filestat(GuestReader memory, long ptr) {
    return "filetype="
        + WasiNames.filetype(memory.u8(ptr + 16))
        + ", size="
        + Long.toUnsignedString(memory.u64(ptr + 32));
  }

  /** prestat: u8 tag (0 = directory), u32 name length at 4. */
  static String prestat(GuestReader memory, long ptr) {
    long tag = memory.u8(ptr);
    return tag == 0 ? "dir, name_len=" + memory.u32(ptr + 4) : "tag=" + tag;
  }

  /** The names in a fd_readdir buffer: dirents of 24 bytes, each followed by its name. */
  static String dirents(GuestReader memory, long buf, long used) {
    List<String> names = new ArrayList<>();
    long offset = 0;
    while (offset + 24 <= used && names.size() <= CallFormatter.MAX_ITEMS) {
      long nameLength = memory.u32(buf + offset + 16);
      if (offset + 24 + nameLength > used) {
        break; // cut off by the end of the buffer; the guest reads it again
      }
      names.add(EscapedBytes.cut(memory.bytes(buf + offset + 24, nameLength)));
      offset += 24 + nameLength;
    }
    boolean more = names.size() > CallFormatter.MAX_ITEMS;
    return CallFormatter.list(more ? names.subList(0, CallFormatter.MAX_ITEMS) : names, more);
  }

  /** poll_oneoff's subscriptions (48 bytes each): clocks with their timeout, fds. */
  static String subscriptions(GuestReader memory, long ptr, long count) {
    List<String> items = new ArrayList<>();
    for (long i = 0; i < Math.min(count, CallFormatter.MAX_ITEMS); i++) {
      long base = ptr + i * 48;
      long tag = memory.u8(base + 8);
      items.add(
          switch ((int) tag) {
            case 0 ->
                "{clock="
                    + WasiNames.clock(memory.u32(base + 16))
                    + ", timeout="
                    + Long.toUnsignedString(memory.u64(base + 24))
                    + ((memory.u16(base + 40) & 1) != 0 ? ", ABSTIME}" : "}");
            case 1 -> "{fd_read=" + (int) memory.u32(base + 16) + "}";
            case 2 -> "{fd_write=" + (int) memory.u32(base + 16) + "}";
            default -> "{tag=" + tag + "}";
          });
    }
    return CallFormatter.list(items, count > CallFormatter.MAX_ITEMS);
  }
}
