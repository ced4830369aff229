package dev.wasitrace.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.wasi.WasiFunction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasm.types.MemoryLimits;

class MemoryWritesTest {
  static Memory memory() {
    return new ByteArrayMemory(new MemoryLimits(1));
  }

  @Test
  void capturedWritesReplayIntoAFreshMemory() {
    Memory real = memory();
    CapturingMemory capture = new CapturingMemory();
    capture.begin(real, false);
    capture.writeI32(100, 0x01020304);
    capture.writeI32(104, -1); // follows the previous write: merged into one entry
    capture.writeLong(200, Long.MIN_VALUE);
    capture.write(300, "hello".getBytes(), 1, 3);
    capture.writeByte(400, (byte) 7);
    capture.fill((byte) 9, 500, 510);

    MemoryWrites.Encoder writes = capture.writes();
    Memory replayed = memory();
    long applied = MemoryWrites.apply(replayed, writes.writes(), writes.writesLength(), null);
    assertEquals(8 + 8 + 3 + 1 + 10, applied);
    assertArrayEquals(real.readBytes(0, 1024), replayed.readBytes(0, 1024));
    // Four entries: 100..108 merged, 200, 300, 400, 500 — five headers in all.
    assertEquals(5 * MemoryWrites.HEADER + applied, writes.writesLength());
  }

  @Test
  void readsKeepTheirBytesInDataOnlyOnce() {
    Memory real = memory();
    CapturingMemory capture = new CapturingMemory();
    capture.begin(real, true);
    byte[] bytes = "abcdefgh".getBytes();
    capture.write(1000, bytes, 0, 5);
    capture.write(2000, bytes, 5, 3);
    capture.writeI32(16, 8);
    MemoryWrites.Encoder writes = capture.writes();
    assertEquals("abcdefgh", new String(Arrays.copyOf(writes.data(), writes.dataLength())));
    assertEquals(3 * MemoryWrites.HEADER + 4, writes.writesLength(), "no data bytes inline");

    Memory replayed = memory();
    MemoryWrites.apply(replayed, writes.writes(), writes.writesLength(), writes.data());
    assertArrayEquals(real.readBytes(0, 4096), replayed.readBytes(0, 4096));
  }

  @Test
  void anFdReadThatWroteItsStandardOutputsEncodesLikeTheDerivedForm() {
    Memory real = memory();
    // Two iovecs: {buf=1000, len=4}, {buf=2000, len=10}; nread pointer at 64.
    real.writeI32(32, 1000);
    real.writeI32(36, 4);
    real.writeI32(40, 2000);
    real.writeI32(44, 10);
    long[] args = {3, 32, 2, 64};
    CapturingMemory capture = new CapturingMemory();
    capture.begin(real, true);
    byte[] data = "0123456".getBytes();
    capture.write(1000, data, 0, 4); // as Endive's fd_read does, iovec by iovec
    capture.write(2000, data, 4, 3);
    capture.writeI32(64, 7);

    MemoryWrites.Encoder expected = new MemoryWrites.Encoder();
    StandardOutputs.encode(WasiFunction.FD_READ, args, 7, data, 7, real, expected);
    assertTrue(expected.sameWritesAs(capture.writes()));

    // A different nread is not the standard form: the recorder then keeps the writes.
    StandardOutputs.encode(WasiFunction.FD_READ, args, 6, data, 7, real, expected);
    assertFalse(expected.sameWritesAs(capture.writes()));
  }

  @Test
  void anFdWriteWritesOnlyItsCount() {
    Memory real = memory();
    CapturingMemory capture = new CapturingMemory();
    capture.begin(real, false);
    capture.writeI32(8, 64);
    MemoryWrites.Encoder expected = new MemoryWrites.Encoder();
    StandardOutputs.encode(
        WasiFunction.FD_WRITE, new long[] {1, 0, 1, 8}, 64, null, 0, real, expected);
    assertTrue(expected.sameWritesAs(capture.writes()));
  }

  /**
   * The in-place check of a result-only call agrees with encoding its standard form and comparing,
   * for the exact write and for each way of missing it.
   */
  @Test
  void theInPlaceScalarCheckAgreesWithTheEncodedStandardForm() {
    long[] args = {3, 0, 0, 64}; // fd_seek: fd, offset, whence, result pointer
    long result = 0x1122_3344_5566_7788L;
    MemoryWrites.Encoder expected = new MemoryWrites.Encoder();
    StandardOutputs.encode(WasiFunction.FD_SEEK, args, result, null, 0, memory(), expected);
    java.util.List<java.util.function.Consumer<CapturingMemory>> cases =
        java.util.List.of(
            c -> c.writeLong(64, result), // exactly the standard form
            c -> c.writeLong(72, result), // elsewhere
            c -> c.writeLong(64, result + 1), // another value
            c -> c.writeI32(64, (int) result), // narrower
            c -> {
              c.writeLong(64, result);
              c.writeByte(200, (byte) 1); // and something more
            },
            c -> c.write(64, new byte[8], 0, 8), // bytes, not the value
            c -> {}); // nothing
    for (int i = 0; i < cases.size(); i++) {
      CapturingMemory capture = new CapturingMemory();
      capture.begin(memory(), false);
      cases.get(i).accept(capture);
      assertEquals(
          expected.sameWritesAs(capture.writes()),
          capture.writes().isOnlyScalar(64, result, 8),
          "case " + i);
    }
    CapturingMemory exact = new CapturingMemory();
    exact.begin(memory(), false);
    exact.writeLong(64, result);
    assertTrue(exact.writes().isOnlyScalar(64, result, 8));
  }
}
