package dev.wasitrace.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.testing.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest cannot leave its {@code --dir} preopen: not through symbolic links (absolute, relative,
 * chained, in the middle of a path or as its last component), {@code ..} or absolute paths, nor by
 * racing a directory against a link. Runs {@code testdata/c/escape.c} (its header comment and
 * testdata/README.md describe the layout and every attempt) and checks each attempt's errno, that
 * nothing outside the preopen changed, that no outside byte reached the guest, and that the log
 * says the same ({@code query}, {@code replay}).
 *
 * <p>{@code run} starts in a JVM of its own whose working directory is {@code root/jvm-cwd}: a host
 * that resolves a link's relative target against its working directory (Chicory 1.7.5 does) then
 * writes into the watched temporary directory, never into the build's.
 */
class SandboxTest {
  /** What every escape gets: WASI ENOTCAPABLE. */
  private static final int ESCAPE_ERRNO = 76;

  private static final int ELOOP = 32;
  private static final int ENOENT = 44;
  private static final int ANY_ERROR = -1;
  private static final int FILETYPE_REGULAR_FILE = 4;
  private static final int FILETYPE_SYMBOLIC_LINK = 7;

  private static final String SECRET = "OUTSIDE-SECRET-5b2e9f41";

  /** Every file outside the preopen starts with this; the guest must never print it. */
  private static final String OUTSIDE_MARK = "OUTSIDE-";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path outputs;

  /** Everything the guest may reach by escaping; snapshotted, except {@link #sandbox}. */
  @TempDir Path tmp;

  private Path out;
  private Path sandbox;
  private Path cwd;

  // Ways to name OUT as a directory, and links used as the last component (see escape.c).
  private static final List<String> DIR_KINDS =
      List.of(
          "abs_dir",
          "up",
          "upup",
          "l2",
          "chain",
          "mine",
          "dotdot",
          "dotdot_mid",
          "dfd_dotdot",
          "abspath",
          "loop_dir");
  private static final List<String> DIR_OPS =
      List.of(
          "open_read",
          "open_read_follow",
          "open_read_sub",
          "open_dir_readdir",
          "filestat",
          "filestat_follow",
          "readlink",
          "open_creat",
          "open_trunc",
          "set_times",
          "rename_old",
          "rename_new",
          "link_old",
          "link_new",
          "unlink",
          "rmdir",
          "mkdir",
          "symlink");
  private static final List<String> FILE_KINDS =
      List.of("abs_file", "abs_dangling", "rel_file", "dfd_uplink", "loop_file", "long");
  private static final List<String> FILE_OPS_FOLLOWED =
      List.of(
          "open_read_follow",
          "filestat_follow",
          "open_dir_readdir",
          "open_creat_follow",
          "open_trunc_follow",
          "set_times_follow",
          "link_old_follow");
  private static final List<String> FILE_OPS_NOT_FOLLOWED =
      List.of("open_read_nofollow", "open_creat_nofollow");
  private static final List<String> SINGLE_ESCAPES =
      List.of(
          "abspath_file.open_read",
          "dfd_dotdot_file.open_read",
          "dotdot_only.open_dir_readdir",
          "up_only.open_dir_readdir",
          "upup_only.open_dir_readdir",
          "dfd_dotdot_only.open_dir_readdir",
          "abs_root.open_dir_readdir");
  private static final List<String> LOOPING = List.of("loop_dir", "loop_file", "long");

  @BeforeEach
  void layout() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("root"));
    out = Files.createDirectory(root.resolve("out"));
    sandbox = Files.createDirectory(root.resolve("sandbox"));
    cwd = Files.createDirectory(root.resolve("jvm-cwd"));

    Files.writeString(out.resolve("secret.txt"), SECRET + "\n");
    Files.writeString(out.resolve("target.txt"), "OUTSIDE-TARGET\n");
    Files.writeString(out.resolve("victim.txt"), "OUTSIDE-VICTIM\n");
    Files.createDirectory(out.resolve("emptydir"));
    Files.createDirectory(out.resolve("sub"));
    Files.writeString(out.resolve("sub/inner.txt"), "OUTSIDE-INNER\n");
    link(out.resolve("outlink"), "secret.txt");

    Files.writeString(sandbox.resolve("inside.txt"), "INSIDE-FILE\n");
    Files.createDirectory(sandbox.resolve("d"));
    Files.writeString(sandbox.resolve("d/note.txt"), "INSIDE-NOTE\n");
    link(sandbox.resolve("d/uplink"), "../inside.txt");
    link(sandbox.resolve("in_file"), "inside.txt");
    link(sandbox.resolve("in_dir"), "d");
    chain("ichain", 30, "inside.txt");
    link(sandbox.resolve("abs_file"), out.resolve("secret.txt").toString());
    link(sandbox.resolve("abs_dangling"), out.resolve("dangling.txt").toString());
    link(sandbox.resolve("abs_dir"), out.toString());
    link(sandbox.resolve("rel_file"), "../out/secret.txt");
    link(sandbox.resolve("up"), "..");
    link(sandbox.resolve("upup"), "../..");
    link(sandbox.resolve("l1"), "up");
    link(sandbox.resolve("l2"), "l1");
    chain("chain", 30, "../out");
    link(sandbox.resolve("loopa"), "loopb");
    link(sandbox.resolve("loopb"), "loopa");
    chain("long", 50, "inside.txt");
  }

  private static void link(Path link, String target) throws IOException {
    Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
  }

  /** PREFIX00 -> PREFIX01 -> ... -> PREFIX(n-1) -> last. */
  private void chain(String prefix, int n, String last) throws IOException {
    for (int i = 0; i < n; i++) {
      String target = i == n - 1 ? last : String.format("%s%02d", prefix, i + 1);
      link(sandbox.resolve(String.format("%s%02d", prefix, i)), target);
    }
  }

  // ---- the attempts ---------------------------------------------------------------------------

  /** What one line of the guest must say: the errno, and maybe the bytes or the file type. */
  private record Expect(int errno, String bytes, Integer filetype) {
    static Expect errno(int errno) {
      return new Expect(errno, null, null);
    }

    static Expect bytes(String bytes) {
      return new Expect(0, bytes, null);
    }

    static Expect filetype(int filetype) {
      return new Expect(0, null, filetype);
    }
  }

  /** One line of the guest's output. */
  private record Attempt(String name, int errno, String rest) {
    private static final Pattern LINE = Pattern.compile("(\\S+) errno=(\\d+)(.*)");

    static Attempt parse(String line) {
      Matcher m = LINE.matcher(line);
      return m.matches() ? new Attempt(m.group(1), Integer.parseInt(m.group(2)), m.group(3)) : null;
    }

    String field(String key) {
      Matcher m = Pattern.compile(" " + key + "=(\\S*)").matcher(rest);
      return m.find() ? m.group(1) : null;
    }
  }

  private Map<String, Expect> expectations() {
    Map<String, Expect> expect = new LinkedHashMap<>();
    // Reading a link, or stat-ing it without following it, is never an escape.
    expect.put("ok.abs_dir.readlink", Expect.bytes(escaped(out.toString())));
    expect.put("ok.abs_file.readlink", Expect.bytes(escaped(out.resolve("secret.txt").toString())));
    expect.put("ok.up.readlink", Expect.bytes(".."));
    expect.put("ok.upup.readlink", Expect.bytes("../.."));
    for (String kind :
        List.of("abs_file", "abs_dangling", "rel_file", "abs_dir", "up", "loop_file", "long")) {
      expect.put("ok." + kind + ".filestat_nofollow", Expect.filetype(FILETYPE_SYMBOLIC_LINK));
    }
    expect.put("ok.chain.filestat_nofollow", Expect.filetype(FILETYPE_SYMBOLIC_LINK));
    // Links inside the sandbox work.
    expect.put("ok.in_file.open_read_follow", Expect.bytes("INSIDE-FILE\\n"));
    expect.put("ok.in_file.filestat_follow", Expect.filetype(FILETYPE_REGULAR_FILE));
    expect.put("ok.in_file.filestat_nofollow", Expect.filetype(FILETYPE_SYMBOLIC_LINK));
    expect.put("ok.in_file.readlink", Expect.bytes("inside.txt"));
    expect.put("ok.in_dir.open_read", Expect.bytes("INSIDE-NOTE\\n"));
    expect.put("ok.in_dir.open_dir_readdir", Expect.errno(0));
    expect.put("ok.in_dir.open_creat", Expect.errno(0));
    expect.put("ok.in_dir.unlink", Expect.errno(0));
    expect.put("ok.d_uplink.open_read_follow", Expect.bytes("INSIDE-FILE\\n"));
    expect.put("ok.dotdot_inside.open_read", Expect.bytes("INSIDE-FILE\\n"));
    expect.put("ok.ichain.open_read_follow", Expect.bytes("INSIDE-FILE\\n"));
    expect.put("ok.d.open_dir", Expect.errno(0));
    expect.put("ok.dfd.open_read", Expect.bytes("INSIDE-NOTE\\n"));
    expect.put("ok.dfd_uplink.filestat_nofollow", Expect.filetype(FILETYPE_SYMBOLIC_LINK));
    expect.put("ok.dfd_uplink.readlink", Expect.bytes("../inside.txt"));
    expect.put("ok.mylink.symlink_create", Expect.errno(0));
    expect.put("ok.mylink.readlink", Expect.bytes("inside.txt"));
    expect.put("ok.mylink.filestat_nofollow", Expect.filetype(FILETYPE_SYMBOLIC_LINK));
    expect.put("ok.mylink.open_read_follow", Expect.bytes("INSIDE-FILE\\n"));
    expect.put("ok.mylink.unlink", Expect.errno(0));
    expect.put("ok.mylink.gone", Expect.errno(ENOENT));
    expect.put("ok.mydir.symlink_create", Expect.errno(0));
    expect.put("ok.mydir.open_read", Expect.bytes("INSIDE-NOTE\\n"));
    // A relative link to the outside may be made; every use of it is refused below. One with an
    // absolute target is refused outright (as wasmtime does), so it never exists.
    expect.put("ok.mine.symlink_create", Expect.errno(0));
    expect.put("ok.mine.readlink", Expect.bytes("../out"));
    expect.put("ok.mine.filestat_nofollow", Expect.filetype(FILETYPE_SYMBOLIC_LINK));
    expect.put("ok.mine_abs.symlink_create", Expect.errno(ESCAPE_ERRNO));
    expect.put("ok.mine_abs.filestat_nofollow", Expect.errno(ENOENT));
    // The escapes.
    for (String kind : DIR_KINDS) {
      for (String op : DIR_OPS) {
        expect.put(kind + "." + op, Expect.errno(refusal(kind)));
      }
    }
    for (String op : DIR_OPS) {
      expect.put("mine_abs." + op, Expect.errno(ENOENT)); // the link was never made
    }
    for (String kind : FILE_KINDS) {
      for (String op : FILE_OPS_FOLLOWED) {
        expect.put(kind + "." + op, Expect.errno(refusal(kind)));
      }
      // O_NOFOLLOW on a link fails (POSIX: ELOOP); any error will do, as long as nothing leaks.
      for (String op : FILE_OPS_NOT_FOLLOWED) {
        expect.put(kind + "." + op, Expect.errno(ANY_ERROR));
      }
    }
    for (String name : SINGLE_ESCAPES) {
      expect.put(name, Expect.errno(ESCAPE_ERRNO));
    }
    return expect;
  }

  private static int refusal(String kind) {
    return LOOPING.contains(kind) ? ELOOP : ESCAPE_ERRNO;
  }

  /** The WASI function an attempt calls first (the one whose errno it prints). */
  private static String function(String name) {
    String op = name.substring(name.lastIndexOf('.') + 1);
    if (op.startsWith("open_")) {
      return "path_open";
    } else if (op.startsWith("filestat") || op.equals("gone")) {
      return "path_filestat_get";
    } else if (op.startsWith("set_times")) {
      return "path_filestat_set_times";
    } else if (op.startsWith("rename")) {
      return "path_rename";
    } else if (op.startsWith("link")) {
      return "path_link";
    } else if (op.startsWith("symlink")) {
      return "path_symlink";
    }
    return switch (op) {
      case "readlink" -> "path_readlink";
      case "unlink" -> "path_unlink_file";
      case "rmdir" -> "path_remove_directory";
      case "mkdir" -> "path_create_directory";
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The guest's escaping: printable ASCII as is, backslash, \n, else \xHH. */
  private static String escaped(String text) {
    StringBuilder b = new StringBuilder();
    for (byte c : text.getBytes(UTF_8)) {
      if (c == '\\') {
        b.append("\\\\");
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c >= 0x21 && c < 0x7f) {
        b.append((char) c);
      } else {
        b.append(String.format("\\x%02x", c & 0xff));
      }
    }
    return b.toString();
  }

  // ---- the tests ------------------------------------------------------------------------------

  @Test
  void noLinkDotDotOrAbsolutePathLeavesThePreopen() throws Exception {
    Map<String, Entry> before = outside();
    GuestRun run = run("all", out.toString());
    Map<String, Entry> after = outside();

    List<Attempt> attempts = new ArrayList<>();
    for (String line : run.stdout().split("\n", -1)) {
      Attempt a = Attempt.parse(line);
      if (a != null) {
        attempts.add(a);
      }
    }
    Map<String, Expect> expect = expectations();

    assertAll(
        () -> assertOutsideUnchanged(before, after),
        () -> assertNoOutsideBytes(run.stdout()),
        () -> assertEquals(0, run.exitCode(), "exit code; stderr: " + run.stderr()),
        () -> assertTrue(run.stdout().endsWith("done\n"), "the guest ran to its end"),
        () -> assertAttempts(expect, attempts),
        () -> assertRefusalsInTheLog(run.id(), expect),
        () -> assertReplaySame(run));
  }

  @Test
  void aDirectorySwappedForALinkWhileTheGuestRunsLeaksNothing() throws Exception {
    // P/flip is a real directory or a link to OUT, swapped by renames as fast as they go.
    Path flip = sandbox.resolve("flip");
    Path flipdir = sandbox.resolve(".flipdir");
    Path fliplink = sandbox.resolve(".fliplink");
    Files.createDirectory(flip);
    Files.writeString(flip.resolve("secret.txt"), "INSIDE\n");
    link(fliplink, out.toString());

    Map<String, Entry> before = outside();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong flips = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch flipping = new CountDownLatch(1);
    Thread flipper =
        new Thread(
            () -> {
              try {
                while (!stop.get()) {
                  Files.move(flip, flipdir, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(fliplink, flip, StandardCopyOption.ATOMIC_MOVE); // flip -> OUT
                  Files.move(flip, fliplink, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(flipdir, flip, StandardCopyOption.ATOMIC_MOVE); // flip/ again
                  flips.incrementAndGet();
                  flipping.countDown();
                }
              } catch (Throwable t) {
                failure.set(t);
                flipping.countDown();
              }
            },
            "sandbox-flipper");
    flipper.setDaemon(true);
    GuestRun run;
    flipper.start();
    try {
      assertTrue(flipping.await(1, TimeUnit.MINUTES), "the flipper started");
      run = run("race", "2000");
    } finally {
      stop.set(true);
      flipper.join(TimeUnit.MINUTES.toMillis(1));
    }
    assertFalse(flipper.isAlive(), "the flipper stopped");
    if (failure.get() != null) {
      throw new AssertionError("the flipper failed", failure.get());
    }
    assertTrue(flips.get() > 0);
    Map<String, Entry> after = outside();

    Matcher m =
        Pattern.compile("race escapes=(\\d+) ok=(\\d+) failed=(\\d+)\n").matcher(run.stdout());
    assertTrue(m.matches(), "stdout: " + run.stdout() + "\nstderr: " + run.stderr());
    long escapes = Long.parseLong(m.group(1));
    long ok = Long.parseLong(m.group(2));
    long failed = Long.parseLong(m.group(3));
    assertAll(
        () ->
            assertEquals(0, escapes, "reads of the outside secret through flip/: " + run.stdout()),
        () -> assertOutsideUnchanged(before, after),
        () -> assertNoOutsideBytes(run.stdout()),
        () -> assertEquals(5 * 2000, escapes + ok + failed, "every call counted"),
        () -> assertEquals(0, run.exitCode(), run.stderr()));
  }

  // ---- running --------------------------------------------------------------------------------

  private record GuestRun(
      String id, int exitCode, String stdout, byte[] stdoutBytes, String stderr) {}

  /** {@code run --dir P:/sandbox escape.wasm ARGS} in a JVM of its own, in {@link #cwd}. */
  private GuestRun run(String... guestArgs) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--dir", sandbox + ":/sandbox", TestData.wasm("escape").toString()));
    args.addAll(List.of(guestArgs));
    Path stdout = outputs.resolve("stdout-" + guestArgs[0]);
    Path stderr = outputs.resolve("stderr-" + guestArgs[0]);
    Process process =
        CliProcess.builder(home, args.toArray(String[]::new))
            .directory(cwd.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      fail("the guest did not finish: " + Files.readString(stderr));
    }
    byte[] bytes = Files.readAllBytes(stdout);
    String err = Files.readString(stderr);
    String id = err.lines().findFirst().orElse("");
    return new GuestRun(id, process.exitValue(), new String(bytes, UTF_8), bytes, err);
  }

  // ---- the checks -----------------------------------------------------------------------------

  private static void assertAttempts(Map<String, Expect> expect, List<Attempt> attempts) {
    List<String> wrong = new ArrayList<>();
    Map<String, Attempt> seen = new LinkedHashMap<>();
    for (Attempt a : attempts) {
      if (seen.put(a.name(), a) != null) {
        wrong.add(a.name() + ": printed twice");
      }
    }
    for (Map.Entry<String, Expect> e : expect.entrySet()) {
      String name = e.getKey();
      Expect want = e.getValue();
      Attempt got = seen.get(name);
      if (got == null) {
        wrong.add(name + ": missing");
        continue;
      }
      boolean errnoOk = want.errno() == ANY_ERROR ? got.errno() != 0 : got.errno() == want.errno();
      boolean bytesOk = want.bytes() == null || want.bytes().equals(got.field("bytes"));
      boolean typeOk =
          want.filetype() == null || String.valueOf(want.filetype()).equals(got.field("filetype"));
      if (!errnoOk || !bytesOk || !typeOk) {
        String wanted =
            (want.errno() == ANY_ERROR ? "errno!=0" : "errno=" + want.errno())
                + (want.bytes() == null ? "" : " bytes=" + want.bytes())
                + (want.filetype() == null ? "" : " filetype=" + want.filetype());
        wrong.add(name + ": want " + wanted + ", got errno=" + got.errno() + got.rest());
      }
    }
    for (String name : seen.keySet()) {
      if (!expect.containsKey(name)) {
        wrong.add(name + ": not expected");
      }
    }
    assertTrue(
        wrong.isEmpty(),
        wrong.size() + " of " + expect.size() + " attempts wrong:\n" + String.join("\n", wrong));
  }

  /** The log has one refused call (errno 76) per attempt that must be refused, and no other. */
  private void assertRefusalsInTheLog(String id, Map<String, Expect> expect) throws Exception {
    Cli.Result result =
        new Cli(home)
            .run(
                "query",
                "--process",
                id,
                "-o",
                "json",
                "SELECT func, path, errno FROM syscalls WHERE errno = "
                    + ESCAPE_ERRNO
                    + " ORDER BY seq");
    assertEquals(0, result.exitCode(), result.err());
    Map<String, Integer> logged = new TreeMap<>();
    TreeSet<String> paths = new TreeSet<>();
    for (JsonNode row : JSON.readTree(result.out())) {
      logged.merge(row.get("func").asText(), 1, Integer::sum);
      paths.add(row.get("func").asText() + " " + row.get("path").asText());
    }
    Map<String, Integer> wanted = new TreeMap<>();
    expect.forEach(
        (name, want) -> {
          if (want.errno() == ESCAPE_ERRNO) {
            wanted.merge(function(name), 1, Integer::sum);
          }
        });
    assertEquals(wanted, logged, "refused calls per function in the log");
    for (String path :
        List.of(
            "path_open abs_file",
            "path_open up/out/secret.txt",
            "path_open upup/root/out/secret.txt",
            "path_open l2/out/secret.txt",
            "path_open chain00/secret.txt",
            "path_open mine/secret.txt",
            "path_open ../out/secret.txt",
            "path_open " + out.resolve("secret.txt"),
            "path_filestat_get abs_dir/secret.txt",
            "path_unlink_file up/out/victim.txt",
            "path_symlink l2/out/link-l2",
            "path_create_directory abs_dir/newdir-abs_dir")) {
      assertTrue(paths.contains(path), "refused in the log: " + path + "; logged: " + paths);
    }
  }

  private void assertReplaySame(GuestRun run) throws IOException {
    Map<String, Entry> before = outside();
    Cli.Result replay = new Cli(home).run("replay", run.id());
    assertArrayEquals(run.stdoutBytes(), replay.outBytes(), "replay's stdout");
    assertEquals(run.exitCode(), replay.exitCode(), "replay's exit code: " + replay.err());
    assertOutsideUnchanged(before, outside());
  }

  private static void assertNoOutsideBytes(String stdout) {
    assertFalse(stdout.contains(SECRET), "the outside secret reached the guest:\n" + stdout);
    List<String> leaked = stdout.lines().filter(l -> l.contains(OUTSIDE_MARK)).toList();
    assertTrue(leaked.isEmpty(), "outside bytes reached the guest:\n" + String.join("\n", leaked));
  }

  private static void assertOutsideUnchanged(Map<String, Entry> before, Map<String, Entry> after) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, Entry> e : before.entrySet()) {
      Entry now = after.get(e.getKey());
      if (now == null) {
        changes.add("removed: " + e.getKey() + " " + e.getValue());
      } else if (!now.equals(e.getValue())) {
        changes.add("changed: " + e.getKey() + " " + e.getValue() + " -> " + now);
      }
    }
    for (Map.Entry<String, Entry> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        changes.add("added: " + e.getKey() + " " + e.getValue());
      }
    }
    assertTrue(
        changes.isEmpty(),
        changes.size() + " change(s) outside the preopen:\n" + String.join("\n", changes));
  }

  // ---- the snapshot of everything outside the preopen -----------------------------------------

  /** One file system entry, as {@code lstat} sees it. */
  private record Entry(String type, long size, String sha256, long modifiedNanos, String target) {}

  /**
   * Every entry under the temporary root (which holds OUT, the preopen's parent and the host's
   * working directory), links not followed, the preopen itself left out.
   */
  private Map<String, Entry> outside() throws IOException {
    Map<String, Entry> entries = new TreeMap<>();
    Files.walkFileTree(
        tmp,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(sandbox)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            record(dir, attrs);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            record(file, attrs);
            return FileVisitResult.CONTINUE;
          }

          private void record(Path path, BasicFileAttributes attrs) throws IOException {
            BasicFileAttributes a =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String type =
                a.isSymbolicLink()
                    ? "link"
                    : a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other";
            entries.put(
                tmp.relativize(path).toString(),
                new Entry(
                    type,
                    a.isDirectory() ? 0 : a.size(),
                    a.isRegularFile() ? sha256(Files.readAllBytes(path)) : null,
                    a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    a.isSymbolicLink() ? Files.readSymbolicLink(path).toString() : null));
          }
        });
    return entries;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
