package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CallValuesTest {
  /** The arguments as {@code name=value} text, for compact assertions. */
  private static String args(LoggedCall call) {
    return CallValues.args(call).stream()
        .map(a -> a.name() + "=" + text(a.value()))
        .collect(Collectors.joining(", "));
  }

  private static String text(TraceValue value) {
    if (value instanceof TraceValue.Int v) {
      return Long.toString(v.value());
    } else if (value instanceof TraceValue.Text v) {
      return v.text();
    } else if (value instanceof TraceValue.Raw v) {
      return "raw:" + v.text();
    } else if (value instanceof TraceValue.Sequence v) {
      return v.elements().stream().map(CallValuesTest::text).toList().toString();
    } else if (value instanceof TraceValue.Failure v) {
      return "error:" + v.message();
    } else if (value instanceof TraceValue.BigUnsigned v) {
      return "big:" + Long.toUnsignedString(v.bits());
    }
    return "none";
  }

  @Test
  void fdWriteShowsTheBytesAsTraceDoesAndReturnsTheCount() {
    LoggedCall call =
        CallBuilder.of(WasiFunction.FD_WRITE, 1, 0x100, 1, 0x200)
            .data("Hello, World!\n")
            .result(14)
            .build();
    assertEquals("fd=1, iovs=[14]\"Hello, World!\\n\"", args(call));
    assertEquals(new TraceValue.Int(14, ValueType.I64), CallValues.result(call));
    assertEquals(ValueType.FD, CallValues.args(call).get(0).value().type());
  }

  @Test
  void aFailedCallReturnsItsErrnoAndShowsRawPointersForWhatTheLogLacks() {
    LoggedCall call =
        CallBuilder.of(WasiFunction.FD_WRITE, 1, 0xfffffff0L, 1, 0x200).errno(Errno.EFAULT).build();
    assertEquals("fd=1, iovs=raw:0xfffffff0", args(call));
    assertEquals(new TraceValue.Failure("EFAULT"), CallValues.result(call));
  }

  @Test
  void renameLinkAndSymlinkShowBothPathsWhereTheLogKeepsThem() {
    LoggedCall rename =
        CallBuilder.of(WasiFunction.PATH_RENAME, 3, 0x100, 5, 4, 0x200, 7)
            .path("a.txt")
            .path2("b/a.txt")
            .build();
    assertEquals("fd=3, old_path=a.txt, new_fd=4, new_path=b/a.txt", args(rename));
    LoggedCall link =
        CallBuilder.of(WasiFunction.PATH_LINK, 3, 0, 0x100, 5, 3, 0x200, 7)
            .path("a.txt")
            .path2("hard.txt")
            .build();
    assertEquals("old_fd=3, old_flags=0, old_path=a.txt, new_fd=3, new_path=hard.txt", args(link));
    LoggedCall symlink =
        CallBuilder.of(WasiFunction.PATH_SYMLINK, 0x100, 5, 3, 0x200, 4)
            .path("link")
            .path2("a.txt")
            .build();
    assertEquals("old_path=a.txt, fd=3, new_path=link", args(symlink));
    // A log before format version 3 keeps no second path: the pointer.
    LoggedCall old =
        CallBuilder.of(WasiFunction.PATH_RENAME, 3, 0x100, 5, 4, 0x200, 7).path("a.txt").build();
    assertEquals("fd=3, old_path=a.txt, new_fd=4, new_path=raw:0x200", args(old));
  }

  @Test
  void pathOpenNamesItsFlagsAndReturnsTheNewDescriptor() {
    long rightsRead = 1L << 1;
    LoggedCall call =
        CallBuilder.of(WasiFunction.PATH_OPEN, 3, 1, 0x300, 5, 0, rightsRead, 0, 0, 0x400)
            .path("a.txt")
            .result(4)
            .build();
    assertEquals("fd=3, path=a.txt, flags=O_RDONLY", args(call));
    assertEquals("4", text(CallValues.result(call)));
    LoggedCall created =
        CallBuilder.of(WasiFunction.PATH_OPEN, 3, 0, 0x300, 5, 1 | 8, 1L << 6, 0, 0, 0x400)
            .path("b.txt")
            .errno(Errno.value("ENOENT"))
            .build();
    assertEquals("fd=3, path=b.txt, flags=O_WRONLY|O_CREAT|O_TRUNC|O_NOFOLLOW", args(created));
    assertEquals("error:ENOENT", text(CallValues.result(created)));
  }

  @Test
  void clocksAreNamedAndTimesAreUnsigned() {
    LoggedCall call =
        CallBuilder.of(WasiFunction.CLOCK_TIME_GET, 1, 1000, 0x500).result(-2L).build();
    assertEquals("id=CLOCK_MONOTONIC, precision=1000", args(call));
    assertEquals("big:18446744073709551614", text(CallValues.result(call)));
    LoggedCall seek = CallBuilder.of(WasiFunction.FD_SEEK, 4, -6, 2, 0x600).result(27).build();
    assertEquals("fd=4, offset=-6, whence=SEEK_END", args(seek));
  }

  @Test
  void structuresTheHostFilledAreReadFromMemWrites() {
    byte[] fdstat =
        new Writes().at(0x700, new byte[24]).at(0x700, (byte) 4).u64(0x708, 0x8e001fdL).bytes();
    LoggedCall stat =
        CallBuilder.of(WasiFunction.FD_FDSTAT_GET, 4, 0x700).memWrites(fdstat).build();
    assertEquals("fd=4", args(stat));
    assertEquals("filetype=REGULAR_FILE, flags=0, rights=0x8e001fd", text(CallValues.result(stat)));

    byte[] sizes = new Writes().u32(0x10, 2).u32(0x14, 20).bytes();
    LoggedCall argsSizes =
        CallBuilder.of(WasiFunction.ARGS_SIZES_GET, 0x10, 0x14).memWrites(sizes).result(2).build();
    assertEquals("", args(argsSizes));
    assertEquals("argc=2, argv_buf_size=20", text(CallValues.result(argsSizes)));

    byte[] argv = new Writes().u32(0x20, 0x40).u32(0x24, 0x45).text(0x40, "prog\0-v x\0").bytes();
    LoggedCall argsGet = CallBuilder.of(WasiFunction.ARGS_GET, 0x20, 0x40).memWrites(argv).build();
    assertEquals("argv=[prog, -v x]", args(argsGet));
    assertEquals(ValueType.STRINGS, CallValues.args(argsGet).get(0).value().type());
  }

  @Test
  void withoutTheirStructureCallsStillReturnSomething() {
    LoggedCall stat = CallBuilder.of(WasiFunction.FD_FILESTAT_GET, 4, 0x700).build();
    assertEquals("0", text(CallValues.result(stat)));
    LoggedCall argsGet = CallBuilder.of(WasiFunction.ARGS_GET, 0x20, 0x40).build();
    assertEquals("argv=raw:0x20, argv_buf=raw:0x40", args(argsGet));
  }

  @Test
  void readdirListsTheNamesItReturned() {
    byte[] entry1 = new byte[24];
    entry1[16] = 1; // name length
    byte[] entry2 = new byte[24];
    entry2[16] = 5;
    byte[] encoded =
        new Writes()
            .at(0x1000, entry1)
            .text(0x1018, ".")
            .at(0x1019, entry2)
            .text(0x1031, "b.txt")
            .bytes();
    LoggedCall call =
        CallBuilder.of(WasiFunction.FD_READDIR, 4, 0x1000, 4096, 0, 0x2000)
            .memWrites(encoded)
            .size(24 + 1 + 24 + 5)
            .build();
    assertEquals("fd=4, buf=[., b.txt], buf_len=4096, cookie=0", args(call));
    assertEquals("54", text(CallValues.result(call)));
  }

  @Test
  void socketsShowTheAddressesTheLogNames() {
    LoggedCall connect =
        CallBuilder.of(WasiFunction.SOCK_CONNECT, 3, 0x800, 7000)
            .socket("TCP", "127.0.0.1:5000", "127.0.0.1:7000")
            .build();
    assertEquals("fd=3, addr=127.0.0.1:7000", args(connect));
    LoggedCall open = CallBuilder.of(WasiFunction.SOCK_OPEN, 1, 2, 0x900).result(3).build();
    assertEquals("af=AF_INET, socktype=SOCK_STREAM", args(open));
    LoggedCall peer =
        CallBuilder.of(WasiFunction.SOCK_GETPEERADDR, 3, 0x800, 0x810)
            .socket("TCP", "127.0.0.1:5000", "127.0.0.1:7000")
            .build();
    assertEquals("127.0.0.1:7000", text(CallValues.result(peer)));
    LoggedCall recv =
        CallBuilder.of(WasiFunction.SOCK_RECV, 3, 0x100, 1, 0, 0x200, 0x204)
            .data("pong")
            .result(4)
            .build();
    assertEquals("fd=3, ri_data=[4]\"pong\", ri_flags=0", args(recv));
  }

  @Test
  void procExitTakesItsCodeAndNeverReturns() {
    LoggedCall exit = CallBuilder.of(WasiFunction.PROC_EXIT, 3).noReturn().build();
    assertEquals("rval=3", args(exit));
    assertEquals(TraceValue.NOTHING, CallValues.result(exit));
  }

  @Test
  void everyFunctionDecodesWithoutFailingOnAnEmptyRow() {
    for (WasiFunction function : WasiFunction.values()) {
      long[] params = new long[function.paramCount()];
      List<Arg> args = CallValues.args(CallBuilder.of(function, params).build());
      for (Arg arg : args) {
        assertEquals(false, arg.name().isEmpty(), function + ": " + args);
      }
      CallValues.result(CallBuilder.of(function, params).build());
    }
  }
}
