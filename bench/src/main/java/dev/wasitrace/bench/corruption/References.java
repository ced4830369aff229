package dev.wasitrace.bench.corruption;

import dev.wasitrace.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processes the harness damages: recorded once, through {@code wasitrace run} as users record,
 * into a registry of their own. Each belongs to a family (the same guest): a batch of one is
 * spliced into a log of another of its family.
 */
final class References {
  /** A recorded process: its name in the harness, its family and its process ID. */
  record Reference(String name, String family, String id) {}

  /** The file that lists the references beside the registry, one tab-separated line each. */
  static final String LIST_FILE = "references.tsv";

  private References() {}

  /**
   * Records the reference processes into the registry at {@code home} and lists them in {@code
   * work/references.tsv}. Guests come from {@code testdata/wasm}; preopens are empty folders in
   * {@code work}.
   */
  static List<Reference> record(Path testdata, Path home, Path work) throws IOException {
    Path wasm = testdata.resolve("wasm");
    List<Reference> references = new ArrayList<>();
    // Several batches (16,384 rows each): for dropped, repeated, swapped and spliced batches.
    references.add(run("writeloop-a", "writeloop", home, wasm.resolve("writeloop.wasm"), "40000"));
    references.add(run("writeloop-b", "writeloop", home, wasm.resolve("writeloop.wasm"), "20000"));
    // Batches cut by age (a batch is written when its first row is 1 s old), each line its own:
    // swapped, dropped or repeated batches change what logs prints.
    references.add(run("ticker-a", "ticker", home, wasm.resolve("ticker.wasm"), "2000"));
    references.add(run("ticker-b", "ticker", home, wasm.resolve("ticker.wasm"), "1000"));
    // Every column: clocks, random bytes, paths, reads whose bytes land in mem_writes, stderr.
    for (String seed : List.of("7", "8")) {
      Path sandbox = Files.createDirectories(work.resolve("sandbox-mixed-" + seed));
      references.add(
          run(
              "mixed-" + seed,
              "mixed",
              home,
              "--dir",
              sandbox + ":/sandbox",
              wasm.resolve("mixed.wasm").toString(),
              seed,
              "/sandbox"));
    }
    Path sandbox = Files.createDirectories(work.resolve("sandbox-fileio"));
    references.add(
        run(
            "fileio",
            "fileio",
            home,
            "--dir",
            sandbox + ":/sandbox",
            wasm.resolve("fileio.wasm").toString()));
    List<String> lines = new ArrayList<>();
    for (Reference reference : references) {
      lines.add(reference.name() + "\t" + reference.family() + "\t" + reference.id());
    }
    Files.write(work.resolve(LIST_FILE), lines, StandardCharsets.UTF_8);
    return List.copyOf(references);
  }

  /** The references {@link #record} listed in {@code work}. */
  static List<Reference> read(Path work) throws IOException {
    List<Reference> references = new ArrayList<>();
    for (String line : Files.readAllLines(work.resolve(LIST_FILE), StandardCharsets.UTF_8)) {
      String[] fields = line.split("\t", -1);
      references.add(new Reference(fields[0], fields[1], fields[2]));
    }
    return List.copyOf(references);
  }

  /**
   * Copies the registry of references and their list from {@code kept}, the work folder of an
   * earlier run, into {@code work}.
   */
  static List<Reference> copy(Path kept, Path work) throws IOException {
    FileTrees.copy(kept.resolve(Protocol.CLEAN_HOME), work.resolve(Protocol.CLEAN_HOME));
    Files.copy(kept.resolve(LIST_FILE), work.resolve(LIST_FILE));
    return read(work);
  }

  private static Reference run(String name, String family, Path home, Object... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add("run");
    for (Object arg : args) {
      command.add(arg.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.execute(
            command.toArray(String[]::new),
            new ByteArrayInputStream(new byte[0]),
            out,
            err,
            Map.of("WASITRACE_HOME", home.toString()));
    String stderr = err.toString(StandardCharsets.UTF_8);
    String id = stderr.lines().findFirst().orElse("");
    if (!Files.isRegularFile(home.resolve("processes").resolve(id).resolve("log.arrow"))) {
      throw new IOException("recording " + name + " failed (exit " + exit + "): " + stderr.strip());
    }
    return new Reference(name, family, id);
  }
}
