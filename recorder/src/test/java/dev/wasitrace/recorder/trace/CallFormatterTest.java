package dev.wasitrace.recorder.trace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.wasi.WasiFunction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasm.types.MemoryLimits;

class CallFormatterTest {
  private static final int ENOENT = 44;
  private static final int EBADF = 8;
  private static final int EFAULT = 21;
  private static final long WILD = 0xfffffff0L;

  private final Memory memory = new ByteArrayMemory(new MemoryLimits(1));

  private String format(WasiFunction function, int errno, long... args) {
    return CallFormatter.format(function, args, errno, memory);
  }

  private void string(int addr, String value) {
    memory.write(addr, value.getBytes(UTF_8));
  }

  /** One iovec at {@code iovs} pointing at {@code value} written at {@code buf}. */
  private void iovec(int iovs, int buf, String value) {
    string(buf, value);
    memory.writeI32(iovs, buf);
    memory.writeI32(iovs + 4, value.getBytes(UTF_8).length);
  }

  @Test
  void fdWriteShowsTheBytesAndTheCountWritten() {
    iovec(100, 1000, "Hello, World!\n");
    memory.writeI32(200, 14);
    assertEquals(
        "fd_write(1, [14]\"Hello, World!\\n\") = 14",
        format(WasiFunction.FD_WRITE, 0, 1, 100, 1, 200));
  }

  @Test
  void fdWriteGathersSeveralIovecsAndCutsAt32() {
    iovec(100, 1000, "0123456789");
    iovec(108, 2000, "abcdefghijklmnopqrstuvwxyz");
    memory.writeI32(200, 36);
    assertEquals(
        "fd_write(4, [36]\"0123456789abcdefghijklmnopqrstuv\"...) = 36",
        format(WasiFunction.FD_WRITE, 0, 4, 100, 2, 200));
  }

  @Test
  void aFailedWriteStillShowsWhatWasPassed() {
    iovec(100, 1000, "data");
    assertEquals(
        "fd_write(9, [4]\"data\") = -1 EBADF",
        format(WasiFunction.FD_WRITE, EBADF, 9, 100, 1, 200));
  }

  @Test
  void wildPointersPrintAsRawNumbers() {
    assertEquals(
        "fd_write(1, 0xfffffff0) = -1 EFAULT",
        format(WasiFunction.FD_WRITE, EFAULT, 1, WILD, 1, 200));
    // A buffer straddling the end of memory.
    memory.writeI32(100, 65530);
    memory.writeI32(104, 100);
    assertEquals(
        "fd_write(1, 0x64) = -1 EFAULT", format(WasiFunction.FD_WRITE, EFAULT, 1, 100, 1, 200));
    assertEquals(
        "path_open(3, 0xfffffff0, O_RDONLY) = -1 EFAULT",
        format(WasiFunction.PATH_OPEN, EFAULT, 3, 1, WILD, 5, 0, 2, 0, 0, 300));
    // A wild length must not make the formatter allocate gigabytes.
    assertEquals(
        "path_unlink_file(3, 0x0) = -1 EFAULT",
        format(WasiFunction.PATH_UNLINK_FILE, EFAULT, 3, 0, 0x7fffffffL));
  }

  @Test
  void fdReadShowsTheBytesReadUpToTheCount() {
    iovec(100, 1000, "hello file\nand some stale bytes");
    memory.writeI32(200, 11);
    assertEquals(
        "fd_read(3, [11]\"hello file\\n\") = 11", format(WasiFunction.FD_READ, 0, 3, 100, 1, 200));
    memory.writeI32(200, 0);
    assertEquals("fd_read(0, [0]\"\") = 0", format(WasiFunction.FD_READ, 0, 0, 100, 1, 200));
    assertEquals(
        "fd_read(7, 0x64) = -1 EBADF", format(WasiFunction.FD_READ, EBADF, 7, 100, 1, 200));
  }

  @Test
  void pathOpenDecodesFlagsAndReturnsTheDescriptor() {
    string(1000, "data/in.txt");
    memory.writeI32(300, 4);
    long read = 1L << 1;
    long write = 1L << 6;
    long follow = 1;
    assertEquals(
        "path_open(3, \"data/in.txt\", O_RDONLY) = 4",
        format(WasiFunction.PATH_OPEN, 0, 3, follow, 1000, 11, 0, read, 0, 0, 300));
    assertEquals(
        "path_open(3, \"data/in.txt\", O_WRONLY|O_CREAT|O_TRUNC) = 4",
        format(WasiFunction.PATH_OPEN, 0, 3, follow, 1000, 11, 1 | 8, write, 0, 0, 300));
    assertEquals(
        "path_open(3, \"data/in.txt\", O_RDWR|O_CREAT|O_EXCL|O_APPEND|O_NOFOLLOW) = 4",
        format(WasiFunction.PATH_OPEN, 0, 3, 0, 1000, 11, 1 | 4, read | write, 0, 1, 300));
    assertEquals(
        "path_open(3, \"data\", O_RDONLY|O_DIRECTORY) = -1 ENOENT",
        format(WasiFunction.PATH_OPEN, ENOENT, 3, follow, 1000, 4, 2, 1L << 14, 0, 0, 300));
  }

  @Test
  void pathsAreQuotedAndEscaped() {
    string(1000, "a.txt");
    string(2000, "sub/b \"x\".txt");
    assertEquals(
        "path_rename(3, \"a.txt\", 3, \"sub/b \\\"x\\\".txt\") = 0",
        format(WasiFunction.PATH_RENAME, 0, 3, 1000, 5, 3, 2000, 13));
    assertEquals(
        "path_create_directory(3, \"a.txt\") = -1 ENOENT",
        format(WasiFunction.PATH_CREATE_DIRECTORY, ENOENT, 3, 1000, 5));
    memory.writeLong(3000 + 32, 33);
    memory.writeByte(3000 + 16, (byte) 4);
    assertEquals(
        "path_filestat_get(3, \"a.txt\") = 0 (filetype=REGULAR_FILE, size=33)",
        format(WasiFunction.PATH_FILESTAT_GET, 0, 3, 1, 1000, 5, 3000));
    assertEquals(
        "path_filestat_get(3, \"a.txt\", AT_SYMLINK_NOFOLLOW) = -1 ENOENT",
        format(WasiFunction.PATH_FILESTAT_GET, ENOENT, 3, 0, 1000, 5, 3000));
  }

  @Test
  void procExitHasNoResult() {
    assertEquals("proc_exit(0) = ?", format(WasiFunction.PROC_EXIT, CallFormatter.NO_RETURN, 0));
    assertEquals("proc_exit(3) = ?", format(WasiFunction.PROC_EXIT, CallFormatter.NO_RETURN, 3));
  }

  @Test
  void clocksAreNamedAndTimesFollowTheResult() {
    memory.writeLong(100, 1730000000123456789L);
    assertEquals(
        "clock_time_get(CLOCK_REALTIME, 1000) = 0 (t=1730000000123456789)",
        format(WasiFunction.CLOCK_TIME_GET, 0, 0, 1000, 100));
    assertEquals(
        "clock_time_get(CLOCK_MONOTONIC, 1) = 0 (t=1730000000123456789)",
        format(WasiFunction.CLOCK_TIME_GET, 0, 1, 1, 100));
    assertEquals(
        "clock_time_get(CLOCK_PROCESS_CPUTIME_ID, 1) = -1 EFAULT",
        format(WasiFunction.CLOCK_TIME_GET, EFAULT, 2, 1, WILD));
    memory.writeLong(100, 1);
    assertEquals(
        "clock_res_get(CLOCK_THREAD_CPUTIME_ID) = 0 (res=1)",
        format(WasiFunction.CLOCK_RES_GET, 0, 3, 100));
    assertEquals("clock_res_get(9) = -1 EINVAL", format(WasiFunction.CLOCK_RES_GET, 28, 9, 100));
  }

  @Test
  void seekShowsWhenceAndReturnsTheNewOffset() {
    memory.writeLong(100, 6);
    assertEquals("fd_seek(4, 6, SEEK_SET) = 6", format(WasiFunction.FD_SEEK, 0, 4, 6, 0, 100));
    memory.writeLong(100, 27);
    assertEquals("fd_seek(4, -6, SEEK_END) = 27", format(WasiFunction.FD_SEEK, 0, 4, -6, 2, 100));
    assertEquals(
        "fd_seek(1, 0, SEEK_CUR) = -1 ESPIPE", format(WasiFunction.FD_SEEK, 70, 1, 0, 1, 100));
  }

  @Test
  void argsAndEnvironment() {
    memory.writeI32(100, 2);
    memory.writeI32(104, 17);
    assertEquals(
        "args_sizes_get() = 0 (argc=2, argv_buf_size=17)",
        format(WasiFunction.ARGS_SIZES_GET, 0, 100, 104));
    assertEquals(
        "environ_sizes_get() = 0 (environc=2, environ_buf_size=17)",
        format(WasiFunction.ENVIRON_SIZES_GET, 0, 100, 104));
    // argv pointers into one buffer, as the host writes them; then the guest's NULL.
    string(1000, "app.wasm\0a \"b\"\0");
    memory.writeI32(200, 1000);
    memory.writeI32(204, 1009);
    memory.writeI32(208, 0);
    assertEquals(
        "args_get([\"app.wasm\", \"a \\\"b\\\"\"]) = 0",
        format(WasiFunction.ARGS_GET, 0, 200, 1000));
    assertEquals(
        "environ_get(0xc8, 0x3e8) = -1 EFAULT",
        format(WasiFunction.ENVIRON_GET, EFAULT, 200, 1000));
  }

  @Test
  void prestatAndDirName() {
    memory.writeByte(100, (byte) 0);
    memory.writeI32(104, 8);
    assertEquals(
        "fd_prestat_get(3) = 0 (dir, name_len=8)", format(WasiFunction.FD_PRESTAT_GET, 0, 3, 100));
    assertEquals(
        "fd_prestat_get(4) = -1 EBADF", format(WasiFunction.FD_PRESTAT_GET, EBADF, 4, 100));
    string(200, "/sandbox");
    assertEquals(
        "fd_prestat_dir_name(3, \"/sandbox\", 8) = 0",
        format(WasiFunction.FD_PRESTAT_DIR_NAME, 0, 3, 200, 8));
  }

  @Test
  void randomGetShowsTheLength() {
    assertEquals("random_get(32) = 0", format(WasiFunction.RANDOM_GET, 0, 100, 32));
    assertEquals(
        "random_get(0xfffffff0, 32) = -1 EFAULT",
        format(WasiFunction.RANDOM_GET, EFAULT, WILD, 32));
  }

  @Test
  void pollOneoffShowsSubscriptionsAndTheNumberOfEvents() {
    memory.writeByte(100 + 8, (byte) 0); // clock
    memory.writeI32(100 + 16, 1);
    memory.writeLong(100 + 24, 10_000_000);
    memory.writeByte(148 + 8, (byte) 1); // fd_read
    memory.writeI32(148 + 16, 5);
    memory.writeI32(400, 1);
    assertEquals(
        "poll_oneoff([{clock=CLOCK_MONOTONIC, timeout=10000000}, {fd_read=5}], 2) = 1",
        format(WasiFunction.POLL_ONEOFF, 0, 100, 300, 2, 400));
  }

  @Test
  void readdirShowsTheNamesAndTheBytesUsed() {
    int buf = 1000;
    int offset = 0;
    for (String name : new String[] {".", "..", "sub"}) {
      memory.writeI32(buf + offset + 16, name.length());
      string(buf + offset + 24, name);
      offset += 24 + name.length();
    }
    memory.writeI32(200, offset);
    assertEquals(
        "fd_readdir(4, [\".\", \"..\", \"sub\"], 4096, 0) = 78",
        format(WasiFunction.FD_READDIR, 0, 4, buf, 4096, 0, 200));
    // An entry cut by the end of the buffer is left out.
    memory.writeI32(200, offset - 1);
    assertEquals(
        "fd_readdir(4, [\".\", \"..\"], 4096, 0) = 77",
        format(WasiFunction.FD_READDIR, 0, 4, buf, 4096, 0, 200));
  }

  @Test
  void descriptorCalls() {
    assertEquals("fd_close(4) = 0", format(WasiFunction.FD_CLOSE, 0, 4));
    assertEquals("fd_close(4) = -1 EBADF", format(WasiFunction.FD_CLOSE, EBADF, 4));
    memory.writeByte(100, (byte) 2);
    memory.writeShort(102, (short) 1);
    memory.writeLong(108, 0x40);
    assertEquals(
        "fd_fdstat_get(1) = 0 (filetype=CHARACTER_DEVICE, flags=O_APPEND, rights=0x40)",
        format(WasiFunction.FD_FDSTAT_GET, 0, 1, 100));
    assertEquals(
        "fd_fdstat_set_flags(3, O_APPEND|O_NONBLOCK) = 0",
        format(WasiFunction.FD_FDSTAT_SET_FLAGS, 0, 3, 5));
    assertEquals("sched_yield() = 0", format(WasiFunction.SCHED_YIELD, 0));
    assertEquals("sock_shutdown(3, SHUT_RDWR) = 0", format(WasiFunction.SOCK_SHUTDOWN, 0, 3, 3));
  }

  @Test
  void neverThrowsWhateverTheArguments() {
    Random random = new Random(42);
    long[] interesting = {0, 1, 8, 100, 65532, 65535, 65536, WILD, 0xffffffffL, -1, Long.MIN_VALUE};
    for (int round = 0; round < 200; round++) {
      for (int i = 0; i < 1000; i += 4) {
        memory.writeI32(i, (int) interesting[random.nextInt(interesting.length)]);
      }
      for (WasiFunction function : WasiFunction.values()) {
        long[] args = new long[function.paramCount()];
        for (int i = 0; i < args.length; i++) {
          args[i] =
              random.nextBoolean()
                  ? interesting[random.nextInt(interesting.length)]
                  : random.nextInt(1000);
        }
        int errno = random.nextInt(4) == 0 ? EFAULT : 0;
        String line = CallFormatter.formatOrThrow(function, args, errno, memory);
        assertTrue(line.startsWith(function.wasiName() + "("), line);
        assertTrue(line.contains(") = "), line);
      }
    }
  }
}
