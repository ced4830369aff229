package dev.wasitrace.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code export codetracer} end to end: guests recorded by the real CLI, exported in both format
 * profiles, each folder checked by validate_ct.py --strict, and its calls and events checked
 * against the run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportCodeTracerTest {
  static final int WRITE = 0;
  static final int WRITE_FILE = 1;
  static final int WRITE_OTHER = 2;
  static final int READ = 3;
  static final int READ_FILE = 4;
  static final int OPEN = 10;
  static final int ERROR = 11;

  @TempDir Path home;
  @TempDir Path out;
  @TempDir Path sandbox;

  private Cli cli() {
    return new Cli(home);
  }

  /** How a guest's run ends in its trace. */
  enum Ending {
    /** _start returns: only {@code <toplevel>} stays open. */
    RETURNED(1),
    /** proc_exit with a non-zero code: it, _start and {@code <toplevel>} stay open. */
    EXIT(3),
    /** A trap ends _start: it and {@code <toplevel>} stay open. */
    TRAP(2);

    final int open;

    Ending(int open) {
      this.open = open;
    }
  }

  static Stream<Arguments> guests() {
    return Stream.of(
        Arguments.of(
            "hello", List.of("--env", "GREETING=hi"), List.of("a", "b c"), "", Ending.RETURNED),
        Arguments.of("hello", List.of("--env", "EXIT_CODE=3"), List.of(), "", Ending.EXIT),
        Arguments.of(
            "fileio", List.of("--dir", "SANDBOX:/sandbox"), List.of(), "", Ending.RETURNED),
        Arguments.of("clocks", List.of(), List.of(), "", Ending.RETURNED),
        Arguments.of("random", List.of(), List.of(), "", Ending.RETURNED),
        Arguments.of("compute", List.of(), List.of("10"), "", Ending.RETURNED),
        Arguments.of("mixed", List.of("--dir", "SANDBOX:/sandbox"), List.of("6"), "", Ending.EXIT),
        Arguments.of(
            "mixed", List.of("--dir", "SANDBOX:/sandbox"), List.of("12"), "", Ending.RETURNED),
        Arguments.of("writeloop", List.of(), List.of("50"), "", Ending.RETURNED),
        Arguments.of("badptr", List.of("--dir", "SANDBOX"), List.of(), "", Ending.RETURNED),
        Arguments.of("stdin_echo", List.of(), List.of(), "hello\nWorld 123\n", Ending.RETURNED),
        Arguments.of("trap", List.of(), List.of(), "", Ending.TRAP));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("guests")
  void everyGuestExportsAValidTraceInBothProfiles(
      String guest, List<String> options, List<String> args, String stdin, Ending ending)
      throws Exception {
    TraceValidator.assumePython();
    List<String> command = new ArrayList<>(List.of("run"));
    options.forEach(o -> command.add(o.replace("SANDBOX", sandbox.toString())));
    command.add(TestData.wasm(guest).toString());
    command.addAll(args);
    Cli.Result run =
        cli().runWithInput(stdin.getBytes(StandardCharsets.UTF_8), command.toArray(String[]::new));
    String id = run.processId();

    CodeTracerTrace trace = exportBothProfiles(id);

    long records = Registry.open(home).readProcess(id).records();
    assertEquals(records, trace.hostCalls().size(), "one Call per recorded host call");
    assertEquals(ending.open, trace.openAtEnd, "calls left open");
    assertEquals(trace.calls.size() - ending.open, trace.returns.size());
    assertEquals(run.out(), trace.content(WRITE), "Write events are stdout, byte for byte");
    assertEquals(cli().run("logs", id).err(), trace.content(WRITE_OTHER), "WriteOther is stderr");
    assertEquals(stdin, trace.content(READ), "Read events are stdin");
    List<CodeTracerTrace.Event> errors = trace.events(ERROR);
    switch (ending) {
      case RETURNED -> {
        assertEquals(List.of(), errors);
        assertEquals("Return", trace.lastVariant());
      }
      case EXIT -> {
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("exit code " + run.exitCode(), errors.get(0).content());
        assertEquals("proc_exit", trace.calls.get(trace.calls.size() - 1).function());
      }
      case TRAP -> {
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).content().startsWith("trap: "), errors.get(0).content());
        assertEquals("Event", trace.lastVariant(), "the trap is the last thing in the trace");
      }
    }
  }

  /** Exports with the default profile and with 0.14, checks both, reads the default one. */
  private CodeTracerTrace exportBothProfiles(String id) throws Exception {
    Path v16 = out.resolve(id + "-0.16");
    Cli.Result export = cli().run("export", "codetracer", id, "-o", v16.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertEquals("", export.out());
    assertEquals("", export.err());
    TraceValidator.assertValid(v16, "0.16");

    Path v14 = out.resolve(id + "-0.14");
    export = cli().run("export", "ct", id, "--format-version", "0.14", "-o", v14.toString());
    assertEquals(0, export.exitCode(), export.err());
    TraceValidator.assertValid(v14, "0.14");
    assertEquals(
        "0.14", CodeTracerTrace.read(v14).metadata.get("recorder").get("format_version").asText());
    return CodeTracerTrace.read(v16);
  }

  @Test
  void helloShowsItsFunctionsByNameAndItsCallsDecoded() throws Exception {
    Cli.Result run =
        cli().run("run", "--env", "GREETING=hi", TestData.wasm("hello").toString(), "a", "b c");
    Path dir = out.resolve("hello");
    assertEquals(
        0, cli().run("export", "codetracer", run.processId(), "-o", dir.toString()).exitCode());
    CodeTracerTrace trace = CodeTracerTrace.read(dir);

    assertEquals(TestData.wasm("hello").toString(), trace.metadata.get("program").asText());
    assertEquals("[\"a\",\"b c\"]", trace.metadata.get("args").toString());
    assertTrue(trace.metadata.get("workdir").asText().startsWith("/"), trace.metadata.toString());
    assertTrue(trace.functions.contains("main"), "named from the name section: " + trace.functions);
    assertTrue(trace.functions.contains("__original_main"), trace.functions.toString());
    assertEquals("<toplevel>", trace.calls.get(0).function());
    assertEquals("_start.command_export", trace.calls.get(1).function(), "the _start export");

    CodeTracerTrace.Call argsGet = call(trace, "args_get");
    assertEquals(
        List.of(TestData.wasm("hello").toString(), "a", "b c"),
        texts(argsGet.args().get("argv").get("elements")));
    CodeTracerTrace.Call write = call(trace, "fd_write");
    assertEquals(1, write.number("fd"));
    assertEquals("[14]\"Hello, World!\\n\"", write.text("iovs"));
    int writeIndex = trace.calls.indexOf(write);
    assertEquals(14, trace.returns.get(writeIndex - 2).get("i").asInt(), "its Return");

    // Each WASI function is declared on the line of its import in the outline under files/.
    List<String> source = trace.sourceLines();
    for (String wasi : List.of("fd_write", "args_get", "environ_get")) {
      int line = trace.functionLines.get(trace.functions.indexOf(wasi));
      assertTrue(
          source.get(line - 1).contains(" " + wasi + "("), wasi + ": " + source.get(line - 1));
    }
    int main = trace.functionLines.get(trace.functions.indexOf("main"));
    assertTrue(source.get(main - 1).contains(" main("), source.get(main - 1));
  }

  @Test
  void fileEventsNameTheFileAndCarryItsBytes() throws Exception {
    Cli.Result run =
        cli().run("run", "--dir", sandbox + ":/sandbox", TestData.wasm("fileio").toString());
    assertEquals(0, run.exitCode(), run.err());
    Path dir = out.resolve("fileio");
    assertEquals(
        0, cli().run("export", "codetracer", run.processId(), "-o", dir.toString()).exitCode());
    CodeTracerTrace trace = CodeTracerTrace.read(dir);

    String content = "hello file\n".repeat(3);
    List<CodeTracerTrace.Event> writes = trace.events(WRITE_FILE);
    assertEquals(1, writes.size(), writes.toString());
    assertEquals("/sandbox/a.txt", writes.get(0).metadata());
    assertEquals(content, writes.get(0).content());
    assertEquals(
        content + "file", trace.content(READ_FILE), "the whole read, then the one after the seek");
    List<CodeTracerTrace.Event> opens = trace.events(OPEN);
    assertEquals("/sandbox/a.txt", opens.get(0).content());
    assertEquals("O_WRONLY|O_CREAT|O_TRUNC", opens.get(0).metadataJson().get("flags").asText());
    CodeTracerTrace.Call rename = call(trace, "path_rename");
    assertEquals("a.txt", rename.text("old_path"));
    CodeTracerTrace.Call fstat = call(trace, "fd_filestat_get");
    int fstatIndex = trace.calls.indexOf(fstat);
    assertEquals(
        "filetype=REGULAR_FILE, size=33", trace.returns.get(fstatIndex - 2).get("text").asText());
  }

  @Test
  void failedCallsReturnTheirErrno() throws Exception {
    Cli.Result run = cli().run("run", TestData.wasm("badptr").toString());
    Path dir = out.resolve("badptr");
    assertEquals(
        0, cli().run("export", "codetracer", run.processId(), "-o", dir.toString()).exitCode());
    CodeTracerTrace trace = CodeTracerTrace.read(dir);
    CodeTracerTrace.Call random = call(trace, "random_get");
    assertEquals("0xfffffff0", random.args().get("buf").get("r").asText(), "a raw pointer");
    JsonNode result = trace.returns.get(trace.calls.indexOf(random) - 2);
    assertEquals("Error", result.get("kind").asText());
    assertEquals("EFAULT", result.get("msg").asText());
  }

  // ---- bad input

  @Test
  void anUnknownIdIsOneClearLine() {
    Path dir = out.resolve("t");
    Cli.Result export = cli().run("export", "codetracer", "nope", "-o", dir.toString());
    assertEquals(1, export.exitCode());
    assertEquals("wasitrace: no process matches ID nope\n", export.err());
    assertFalse(Files.exists(dir));
  }

  @Test
  void aNonEmptyFolderIsReplacedOnlyWithForce() throws Exception {
    String id = cli().run("run", TestData.wasm("hello").toString()).processId();
    Path dir = Files.createDirectory(out.resolve("existing"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    Cli.Result refused = cli().run("export", "codetracer", id, "-o", dir.toString());
    assertEquals(1, refused.exitCode());
    assertEquals(
        "wasitrace: cannot write the trace to "
            + dir
            + ": the folder exists and is not empty (--force replaces it)\n",
        refused.err());
    assertEquals(List.of("notes.txt"), names(dir));

    Cli.Result forced = cli().run("export", "codetracer", id, "-o", dir.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced.err());
    assertEquals(
        List.of("files", "trace.json", "trace_metadata.json", "trace_paths.json"), names(dir));
    assertEquals(List.of("existing"), names(out), "nothing left beside it");
  }

  @Test
  void anUnwritableFolderIsOneClearLine() throws Exception {
    String id = cli().run("run", TestData.wasm("hello").toString()).processId();
    Path file = Files.writeString(out.resolve("a-file"), "x");
    Cli.Result export =
        cli().run("export", "codetracer", id, "-o", file.resolve("trace").toString());
    assertEquals(1, export.exitCode());
    assertEquals(1, export.err().lines().count(), export.err());
    assertTrue(export.err().startsWith("wasitrace: cannot write the trace to "), export.err());
    assertFalse(export.err().contains("Exception"), export.err());

    Cli.Result onFile = cli().run("export", "codetracer", id, "-o", file.toString(), "--force");
    assertEquals(1, onFile.exitCode());
    assertTrue(onFile.err().contains("it exists and is not a folder"), onFile.err());
    assertEquals("x", Files.readString(file));
  }

  @Test
  void anUnknownFormatVersionIsOneClearLine() {
    String id = cli().run("run", TestData.wasm("hello").toString()).processId();
    Path dir = out.resolve("t");
    Cli.Result export =
        cli().run("export", "codetracer", id, "-o", dir.toString(), "--format-version", "1.0");
    assertEquals(1, export.exitCode());
    assertEquals(
        "wasitrace: unknown CodeTracer format version 1.0 (expected 0.16, the default, or 0.14)\n",
        export.err());
    assertFalse(Files.exists(dir));
  }

  @Test
  void anUnreadableLogLeavesNoHalfWrittenFolder() throws Exception {
    String id = cli().run("run", TestData.wasm("hello").toString()).processId();
    Files.writeString(home.resolve("processes").resolve(id).resolve("log.arrow"), "not a log");
    Path dir = out.resolve("t");
    Cli.Result export = cli().run("export", "codetracer", id, "-o", dir.toString());
    assertEquals(1, export.exitCode());
    assertEquals(1, export.err().lines().count(), export.err());
    assertTrue(
        export.err().startsWith("wasitrace: cannot read the log of process " + id), export.err());
    assertEquals(List.of(), names(out), "no trace folder, no temporary folder");

    Cli.Result debug = cli().run("--debug", "export", "codetracer", id, "-o", dir.toString());
    assertTrue(debug.err().contains("\tat "), "--debug adds the stack trace: " + debug.err());
  }

  @Test
  void aCutShortLogIsExportedUpToItsLastWholeBatchWithAWarning() throws Exception {
    TraceValidator.assumePython();
    // More calls than one batch holds (65,536), so the cut loses only the last batch.
    Cli.Result run = cli().run("run", TestData.wasm("writeloop").toString(), "70000");
    assertEquals(0, run.exitCode());
    String id = run.processId();
    Path log = home.resolve("processes").resolve(id).resolve("log.arrow");
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(file.length() - 9); // the end-of-stream marker and a byte of the last batch
    }
    long readable;
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        // count the whole batches
      }
      readable = reader.rowsRead();
    }
    assertTrue(readable > 0 && readable < 70_000, "whole batches: " + readable + " rows");

    Path dir = out.resolve("cut");
    Cli.Result export = cli().run("export", "codetracer", id, "-o", dir.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertEquals(1, export.err().lines().count(), export.err());
    assertTrue(
        export.err().startsWith("wasitrace: warning: the log of process " + id), export.err());
    assertTrue(
        export.err().contains("the trace ends after " + readable + " call(s)"), export.err());
    TraceValidator.assertValid(dir, "0.16");
    CodeTracerTrace trace = CodeTracerTrace.read(dir);
    assertEquals(readable, trace.hostCalls().size());
    // The run had not ended when the log stopped: its calls stay open, with no Return for _start.
    assertEquals(2, trace.openAtEnd);
    String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+\n";
    assertEquals(line.repeat(trace.events(WRITE).size()), trace.content(WRITE));
    assertTrue(run.out().startsWith(trace.content(WRITE)));
  }

  // ---- helpers

  private static CodeTracerTrace.Call call(CodeTracerTrace trace, String function) {
    return trace.calls.stream()
        .filter(c -> c.function().equals(function))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no call of " + function));
  }

  private static List<String> texts(JsonNode elements) {
    List<String> texts = new ArrayList<>();
    elements.forEach(e -> texts.add(e.get("text").asText()));
    return texts;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
