package dev.wasitrace.recorder;

import dev.wasitrace.registry.UserError;
import java.nio.file.Path;
import java.util.Locale;
import run.endive.runtime.Memory;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.MemorySection;

/**
 * Whether a module's memory fits in Endive and in this JVM's heap, asked before Endive allocates
 * it. Endive holds at most {@link Memory#RUNTIME_MAX_PAGES} pages and, asked for more at start,
 * fails with an {@code ArrayIndexOutOfBoundsException} (docs/upstream/endive-memory-limit.md); a
 * heap too small ends in an {@code OutOfMemoryError}. Both become one line saying what the module
 * needs and what is allowed.
 */
final class GuestMemory {
  private static final long PAGE = Memory.PAGE_SIZE;
  private static final long KIB = 1L << 10;
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  private GuestMemory() {}

  /** Refuses a module whose memory at start is more than Endive or this heap can hold. */
  static void check(WasmModule module, Path source) {
    long pages = initialPages(module);
    if (pages > Memory.RUNTIME_MAX_PAGES) {
      throw new UserError(
          String.format(
              Locale.ROOT,
              "%s needs %s of memory at start (%,d pages of 64 KiB); Endive holds at most %,d"
                  + " pages (%s), whatever the JVM's heap",
              source,
              size(pages * PAGE),
              pages,
              Memory.RUNTIME_MAX_PAGES,
              size(Memory.RUNTIME_MAX_PAGES * PAGE)));
    }
    if (pages * PAGE > Runtime.getRuntime().maxMemory()) {
      throw heapTooSmall(module, source);
    }
  }

  /** The error for a memory the heap cannot hold; also when allocating it ran out of heap. */
  static UserError heapTooSmall(WasmModule module, Path source) {
    long bytes = initialPages(module) * PAGE;
    long max = Runtime.getRuntime().maxMemory();
    // Room for the memory and for wasitrace itself (a few hundred MiB at most).
    long suggested = (bytes + 512 * MIB + GIB - 1) / GIB;
    return new UserError(
        String.format(
            Locale.ROOT,
            "%s needs %s of memory at start (%,d pages of 64 KiB) but this JVM's heap holds at"
                + " most %s: give it more, e.g. WASITRACE_JAVA_OPTS=-Xmx%dg",
            source,
            size(bytes),
            bytes / PAGE,
            size(max),
            suggested));
  }

  /** The error for a guest whose memory outgrew the heap while it ran. */
  static UserError heapExhausted() {
    return new UserError(
        String.format(
            Locale.ROOT,
            "the JVM ran out of heap while the guest ran (at most %s): give it more, e.g."
                + " WASITRACE_JAVA_OPTS=-Xmx%dg",
            size(Runtime.getRuntime().maxMemory()),
            Math.max(2, 2 * ((Runtime.getRuntime().maxMemory() + GIB - 1) / GIB))));
  }

  private static long initialPages(WasmModule module) {
    MemorySection memories = module.memorySection().orElse(null);
    long pages = 0;
    for (int i = 0; memories != null && i < memories.memoryCount(); i++) {
      pages += Integer.toUnsignedLong(memories.getMemory(i).limits().initialPages());
    }
    return pages;
  }

  /** {@code 4 GiB}, {@code 96 MiB}, {@code 2 GiB less 64 KiB}, {@code 5.9 GiB}. */
  static String size(long bytes) {
    if (bytes % GIB == 0) {
      return bytes / GIB + " GiB";
    }
    if ((bytes + PAGE) % GIB == 0) {
      return (bytes + PAGE) / GIB + " GiB less " + PAGE / KIB + " KiB";
    }
    if (bytes % MIB == 0 && bytes < GIB) {
      return bytes / MIB + " MiB";
    }
    return bytes < GIB
        ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB)
        : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
  }
}
