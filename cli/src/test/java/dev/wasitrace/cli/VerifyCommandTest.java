package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path home;
  private Cli cli;
  private String id;

  @BeforeEach
  void record() {
    cli = new Cli(home);
    // 40,000 calls: three batches.
    Cli.Result run = cli.run("run", TestData.wasm("writeloop").toString(), "40000");
    assertEquals(0, run.exitCode(), run.err());
    id = run.processId();
  }

  @Test
  void anIntactRegistryVerifies() {
    Cli.Result verify = cli.run("verify");
    assertEquals(0, verify.exitCode(), verify.err());
    assertEquals("", verify.out());
    assertEquals("wasitrace: verified 1 process(es) and 1 module(s): no damage\n", verify.err());
  }

  @Test
  void aDamagedBatchIsNamedByVerifyAndDescribeAndEveryReaderWarns() throws IOException {
    flipByteAt(log(), Files.size(log()) - 100); // inside the last batch
    Cli.Result verify = cli.run("verify", id.substring(0, 8));
    assertEquals(1, verify.exitCode());
    assertEquals(
        "process "
            + id
            + ": the log is damaged at batch 3 (checksum mismatch); records from 32768 on are"
            + " lost\n",
        verify.out());

    Cli.Result describe = cli.run("describe", "process", id);
    assertEquals(0, describe.exitCode(), describe.err());
    assertTrue(
        describe.out().contains("Status: exited, damaged at record 32768\n"), describe.out());

    Cli.Result query = cli.run("query", "SELECT count(*) AS n FROM syscalls");
    assertEquals(0, query.exitCode(), query.err());
    assertTrue(query.out().contains("32768"), query.out());
    assertTrue(query.err().contains("damaged at batch 3"), query.err());
    // Damage is reported even to who asked for quiet: the answer lacks what was damaged.
    Cli.Result quiet = cli.run("--quiet", "query", "SELECT count(*) AS n FROM syscalls");
    assertTrue(quiet.err().contains("damaged at batch 3"), quiet.err());

    Cli.Result logs = cli.run("logs", id);
    assertEquals(0, logs.exitCode(), logs.err());
    assertTrue(logs.err().contains("damaged at batch 3 (checksum mismatch)"), logs.err());

    Cli.Result replay = cli.run("replay", id);
    assertEquals(1, replay.exitCode());
    assertTrue(
        replay
            .err()
            .endsWith("(it is damaged at batch 3 (checksum mismatch)); replay stops here\n"),
        replay.err());
  }

  @Test
  void aModuleWhoseBytesChangedIsNamed() throws IOException {
    Path module;
    try (Stream<Path> files = Files.list(home.resolve("modules/sha256"))) {
      module = files.filter(f -> f.toString().endsWith(".wasm")).findFirst().orElseThrow();
    }
    flipByteAt(module, 100);
    Cli.Result verify = cli.run("verify", "--all");
    assertEquals(1, verify.exitCode());
    String digest = module.getFileName().toString().replace(".wasm", "");
    assertEquals(
        "module sha256:" + digest + ": its content does not match its digest\n", verify.out());
  }

  @Test
  void unreadableMetadataAndAMissingChecksumFileAreNamed() throws IOException {
    Files.writeString(RegistryFiles.processDir(home, id).resolve("process.json"), "{not json");
    Cli.Result run = cli.run("run", TestData.wasm("hello").toString());
    Files.delete(RegistryFiles.processDir(home, run.processId()).resolve("log.arrow.sums"));
    Cli.Result verify = cli.run("verify");
    assertEquals(1, verify.exitCode());
    assertTrue(
        verify.out().contains("process " + id + ": its metadata (process.json) is damaged: "),
        verify.out());
    assertTrue(
        verify
            .out()
            .contains(
                "process "
                    + run.processId()
                    + ": the log is damaged: its checksum file log.arrow.sums is missing;"
                    + " records from 0 on are lost\n"),
        verify.out());
  }

  @Test
  void listingsLeaveOutAProcessOrModuleWhoseMetadataIsDamagedAndSaySo() throws IOException {
    Cli.Result other = cli.run("run", TestData.wasm("hello").toString());
    assertEquals(0, other.exitCode(), other.err());
    Files.writeString(RegistryFiles.processDir(home, id).resolve("process.json"), "{not json");
    String warning =
        "wasitrace: warning: the metadata of process " + id + " (process.json) is" + " damaged: ";

    Cli.Result list = cli.run("get", "process");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains(other.processId()), list.out());
    assertFalse(list.out().contains(id), list.out());
    assertTrue(list.err().startsWith(warning) && list.err().endsWith("; left out\n"), list.err());

    Cli.Result query =
        cli.run("query", "-o", "csv", "SELECT list(DISTINCT process_id) AS ids FROM syscalls");
    assertEquals(0, query.exitCode(), query.err());
    assertEquals("ids\n[" + other.processId() + "]\n", query.out());
    assertTrue(query.err().startsWith(warning), query.err());

    Path moduleMeta;
    try (Stream<Path> files = Files.list(home.resolve("modules/sha256"))) {
      moduleMeta = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Files.writeString(moduleMeta, "[");
    Cli.Result modules = cli.run("get", "module");
    assertEquals(0, modules.exitCode(), modules.err());
    assertTrue(
        modules.err().startsWith("wasitrace: warning: the metadata of module sha256:"),
        modules.err());
  }

  private Path log() {
    return RegistryFiles.processDir(home, id).resolve("log.arrow");
  }

  private static void flipByteAt(Path file, long at) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x5a);
    }
  }
}
