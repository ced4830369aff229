package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {
  /** A decoded call: {@code name(args) = result}. */
  private static final Pattern TRACE_LINE =
      Pattern.compile("[a-z_]+\\(.*\\) = (\\?|-1 E[A-Z]+|\\d+).*");

  private static final String HELLO_STDOUT = "Hello, World!\nGREETING unset\n";
  private static final String FILEIO_STDOUT =
      String.join(
          "\n",
          "write ok: 33 bytes",
          "read 33 bytes:",
          "hello file",
          "hello file",
          "hello file",
          "seek 6: file",
          "fstat size=33",
          "stat size=33",
          "mkdir sub ok",
          "rename a.txt -> sub/b.txt ok",
          "stat sub/b.txt size=33",
          "list .: sub",
          "list sub: b.txt",
          "unlink sub/b.txt ok",
          "rmdir sub ok",
          "list after cleanup: (empty)",
          "done",
          "");

  @TempDir Path home;

  private Cli cli() {
    return new Cli(home);
  }

  private static String hello() {
    return TestData.wasm("hello").toString();
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  @Test
  void helloShowsDecodedCallsOnStderr() {
    // --trace without '=' takes no value: the module after it stays the module.
    Cli.Result result = cli().run("run", "--trace", "--env", "GREETING=hi", hello(), "foo");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("Hello, World!\narg[1]=foo\nGREETING=hi\n", result.out());
    assertTrue(result.processId().matches("[0-9a-f-]{36}"), result.err());
    List<String> trace = lines(result.errAfterId());
    assertTrue(trace.contains("fd_write(1, [14]\"Hello, World!\\n\") = 14"), result.err());
    // stdout is no terminal here: the guest is told so, and its libc buffers the lines.
    assertTrue(
        trace.contains("fd_fdstat_get(1) = 0 (filetype=UNKNOWN, flags=0, rights=0x40)"),
        result.err());
    assertTrue(
        trace.contains("fd_write(1, [23]\"arg[1]=foo\\nGREETING=hi\\n\") = 23"), result.err());
    assertTrue(trace.contains("fd_write(2, [10]\"to stderr\\n\") = 10"), result.err());
    // Strings are cut at 32 bytes, so a long argv[0] ends in "...
    String argv0 =
        hello().length() > 32 ? "\"" + hello().substring(0, 32) + "\"..." : "\"" + hello() + "\"";
    assertTrue(trace.contains("args_get([" + argv0 + ", \"foo\"]) = 0"), result.err());
    assertTrue(
        trace.contains(
            "args_sizes_get() = 0 (argc=2, argv_buf_size=" + (hello().length() + 5) + ")"),
        result.err());
    assertTrue(
        trace.contains("environ_sizes_get() = 0 (environc=1, environ_buf_size=12)"), result.err());
    assertTrue(trace.contains("environ_get([\"GREETING=hi\"]) = 0"), result.err());
    // The guest's own stderr is there too, before the line of the call that wrote it.
    int stderrLine = trace.indexOf("to stderr");
    assertTrue(stderrLine >= 0, result.err());
    assertEquals("fd_write(2, [10]\"to stderr\\n\") = 10", trace.get(stderrLine + 1));
  }

  @Test
  void withoutTraceNothingIsTraced() {
    Cli.Result result = cli().run("run", hello());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("to stderr\n", result.errAfterId());
  }

  @Test
  void fileClassShowsPathCallsOnly(@TempDir Path sandbox) throws Exception {
    Cli.Result result =
        cli()
            .run(
                "run",
                "--trace=%file",
                "--dir",
                sandbox + ":/sandbox",
                TestData.wasm("fileio").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(FILEIO_STDOUT, result.out());
    List<String> trace = lines(result.errAfterId());
    assertTrue(
        trace.contains("path_open(3, \"a.txt\", O_WRONLY|O_CREAT|O_TRUNC) = 4"), result.err());
    assertTrue(trace.contains("path_open(3, \"a.txt\", O_RDONLY) = 4"), result.err());
    assertTrue(
        trace.contains("path_open(3, \"sub\", O_RDONLY|O_DIRECTORY|O_NONBLOCK) = 4"), result.err());
    assertTrue(trace.contains("path_rename(3, \"a.txt\", 3, \"sub/b.txt\") = 0"), result.err());
    assertTrue(trace.contains("path_create_directory(3, \"sub\") = 0"), result.err());
    assertTrue(trace.contains("path_unlink_file(3, \"sub/b.txt\") = 0"), result.err());
    assertTrue(trace.contains("path_remove_directory(3, \"sub\") = 0"), result.err());
    assertTrue(
        trace.contains("path_filestat_get(3, \"sub/b.txt\") = 0 (filetype=REGULAR_FILE, size=33)"),
        result.err());
    assertTrue(trace.stream().allMatch(line -> line.startsWith("path_")), result.err());
    try (var left = Files.list(sandbox)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void descriptorCallsShowDataOffsetsAndNames(@TempDir Path sandbox) {
    Cli.Result result =
        cli()
            .run(
                "run",
                "--trace=fd_read,fd_seek,fd_prestat_dir_name,fd_readdir",
                "--dir",
                sandbox + ":/sandbox",
                TestData.wasm("fileio").toString());
    assertEquals(0, result.exitCode(), result.err());
    List<String> trace = lines(result.errAfterId());
    assertTrue(trace.contains("fd_prestat_dir_name(3, \"/sandbox\", 8) = 0"), result.err());
    assertTrue(
        trace.contains("fd_read(4, [33]\"hello file\\nhello file\\nhello file\"...) = 33"),
        result.err());
    assertTrue(trace.contains("fd_seek(4, 6, SEEK_SET) = 6"), result.err());
    assertTrue(trace.contains("fd_read(4, [4]\"file\") = 4"), result.err());
    assertTrue(
        trace.stream().anyMatch(line -> line.matches("fd_readdir\\(4, \\[.*\"b\\.txt\"\\], .*")),
        result.err());
    assertFalse(trace.stream().anyMatch(line -> line.startsWith("fd_write")), result.err());
  }

  @Test
  void negatedFilterAndProcExit() {
    Cli.Result result = cli().run("run", "--trace=!%desc", "--env", "EXIT_CODE=3", hello());
    assertEquals(3, result.exitCode(), result.err());
    assertEquals(HELLO_STDOUT, result.out());
    List<String> trace = lines(result.errAfterId());
    assertEquals("proc_exit(3) = ?", trace.get(trace.size() - 1), result.err());
    assertFalse(trace.stream().anyMatch(line -> line.startsWith("fd_")), result.err());
    assertTrue(trace.stream().anyMatch(line -> line.startsWith("args_get(")), result.err());
  }

  @Test
  void maxEventsPrintsExactlyThatManyThenTheStopLine() {
    Cli.Result result = cli().run("run", "--trace-max-events", "3", hello());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(HELLO_STDOUT, result.out());
    List<String> err = lines(result.errAfterId());
    assertEquals(5, err.size(), result.err());
    IntStream.range(0, 3)
        .forEach(i -> assertTrue(TRACE_LINE.matcher(err.get(i)).matches(), err.get(i)));
    assertEquals("wasitrace: tracing stopped after 3 events (--trace-max-events)", err.get(3));
    assertEquals("to stderr", err.get(4)); // the guest goes on
  }

  @Test
  void maxTimeStopsTracingButNotTheProgram() {
    Cli.Result result =
        cli()
            .run(
                "run",
                "--trace-max-time",
                "100ms",
                TestData.wasm("ticker").toString(),
                "300"); // 300 sleeps of 1 ms: longer than 100 ms whatever the machine
    assertEquals(0, result.exitCode(), result.err());
    String expected =
        IntStream.range(0, 300).mapToObj(i -> "tick " + i + "\n").reduce("", String::concat);
    assertEquals(expected, result.out());
    List<String> err = lines(result.errAfterId());
    String stop = "wasitrace: tracing stopped after 100ms (--trace-max-time)";
    assertEquals(stop, err.get(err.size() - 1), result.err());
    assertEquals(1, err.stream().filter(stop::equals).count());
    List<String> traced = err.subList(0, err.size() - 1);
    assertFalse(traced.isEmpty());
    assertTrue(traced.stream().allMatch(line -> TRACE_LINE.matcher(line).matches()), result.err());
    // ticker makes two calls a tick: a stop after 100 ms leaves most of them untraced.
    assertTrue(traced.size() < 600, "traced " + traced.size() + " calls");
  }

  @Test
  void unknownFilterIsOneClearLine() {
    Cli.Result result = cli().run("run", "--trace=fd_write,foo", hello());
    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    List<String> err = lines(result.err());
    assertEquals(1, err.size(), result.err());
    assertTrue(
        err.get(0).startsWith("wasitrace: unknown function or class in --trace filter: foo"),
        result.err());
  }

  @Test
  void badLimitsAreOneClearLine() {
    Cli.Result time = cli().run("run", "--trace-max-time", "10x", hello());
    assertEquals(1, time.exitCode());
    assertEquals(
        List.of(
            "wasitrace: --trace-max-time 10x: expected a duration such as 500ms, 10s, 2m or 1h"),
        lines(time.err()));
    Cli.Result events = cli().run("run", "--trace-max-events", "0", hello());
    assertEquals(1, events.exitCode());
    assertEquals(
        List.of("wasitrace: --trace-max-events 0: must be at least 1"), lines(events.err()));
  }

  @Test
  void helpListsTheOptions() {
    Cli.Result result = cli().run("run", "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("--trace[=FILTER]"), result.out());
    assertTrue(result.out().contains("--trace-max-events=N"), result.out());
    assertTrue(result.out().contains("--trace-max-time=DURATION"), result.out());
    assertTrue(result.out().contains("%file, %desc, %clock"), result.out());
    assertEquals("", result.err());
  }
}
