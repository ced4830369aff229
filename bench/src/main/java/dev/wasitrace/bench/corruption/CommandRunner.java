package dev.wasitrace.bench.corruption;

import dev.wasitrace.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one reader command in this JVM through {@link Main#execute}, exactly as the command line
 * runs it, against one registry, and makes its answer comparable with another registry's ({@link
 * CommandResult}).
 */
final class CommandRunner implements AutoCloseable {
  /** Output beyond this is counted, not kept: a damaged log must not fill the heap through us. */
  private static final int OUTPUT_CAP = 64 << 20;

  /** Ages, which change between two runs of {@code describe}: {@code 9s ago}, {@code just now}. */
  private static final Pattern AGE =
      Pattern.compile("\\b(\\d+[smhdwy] ago|in \\d+[smhdwy]|just now)");

  /** The export's own time in a Parquet export's {@code _wasitrace.json}. */
  private static final Pattern EXPORT_TIME = Pattern.compile("\"time\" : \"[^\"]*\"");

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path home;
  private final Path out;
  private final Map<String, String> placeholders = new LinkedHashMap<>();
  private Connection duckdb;

  /**
   * Commands read the registry at {@code home}; exports write to {@code out}. In what they print,
   * these paths, the work folder and the guests' folder are placeholders: the answers of two
   * registries compare, and no word of the paths (a checkout in {@code ~/corrupt/}) is taken for
   * one naming damage.
   */
  CommandRunner(Path home, Path out, Path work, Path testdata) {
    this.home = home;
    this.out = out;
    // The longest first: home and out lie in work.
    placeholders.put(out.toString(), "<out>");
    placeholders.put(home.toString(), "<home>");
    placeholders.put(work.toString(), "<work>");
    placeholders.put(testdata.toAbsolutePath().toString(), "<testdata>");
  }

  CommandResult run(ReaderCommand command, String processId) throws IOException {
    FileTrees.delete(out);
    Files.createDirectories(out.getParent());
    CappedOutput stdout = new CappedOutput();
    CappedOutput stderr = new CappedOutput();
    String thrown = null;
    int exit;
    long start = System.nanoTime();
    try {
      exit =
          Main.execute(
              command.args(processId, out).toArray(String[]::new),
              new ByteArrayInputStream(new byte[0]),
              stdout,
              stderr,
              Map.of("WASITRACE_HOME", home.toString()));
    } catch (Throwable e) { // an Error, or anything picocli lets through
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      thrown = "uncaught " + trace;
      exit = -1;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    SortedMap<String, String> files =
        command.writesFolder() && Files.isDirectory(out) ? fingerprints() : new TreeMap<>();
    return new CommandResult(
        exit, normalize(stdout.text()), normalize(stderr.text()), files, thrown, millis);
  }

  private String normalize(String text) {
    String replaced = text;
    for (Map.Entry<String, String> path : placeholders.entrySet()) {
      replaced = replaced.replace(path.getKey(), path.getValue());
    }
    return AGE.matcher(replaced).replaceAll("<age>");
  }

  /** Each file the export wrote, by its path (a UUID in it made {@code <uuid>}). */
  private SortedMap<String, String> fingerprints() throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(out)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path path : paths) {
      String name = UUID.matcher(out.relativize(path).toString()).replaceAll("<uuid>");
      String fingerprint = fingerprint(path);
      // Two parts alike but for their UUIDs: numbered in the order of their fingerprints.
      String key = name;
      for (int n = 2; files.containsKey(key); n++) {
        key = name + "#" + n;
      }
      files.put(key, fingerprint);
    }
    return files;
  }

  /**
   * A Parquet file's rows (the same rows in any order give the same fingerprint: DuckDB writes them
   * in the order its threads finish); any other file's bytes.
   */
  private String fingerprint(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".parquet")) {
      try {
        return parquetRows(file);
      } catch (SQLException e) {
        return "unreadable parquet: " + e.getMessage().lines().findFirst().orElse("");
      }
    }
    byte[] bytes = Files.readAllBytes(file);
    if (name.equals("_wasitrace.json")) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      bytes =
          EXPORT_TIME
              .matcher(text)
              .replaceAll("\"time\" : \"<time>\"")
              .getBytes(StandardCharsets.UTF_8);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String parquetRows(Path file) throws SQLException {
    if (duckdb == null) {
      duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }
    String literal = "'" + file.toString().replace("'", "''") + "'";
    try (Statement statement = duckdb.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), sum(hash(COLUMNS(*))) FROM read_parquet("
                    + literal
                    + ", hive_partitioning = false)")) {
      rows.next();
      StringBuilder text = new StringBuilder("rows");
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        text.append(' ').append(rows.getString(i));
      }
      return text.toString();
    }
  }

  @Override
  public void close() throws IOException {
    FileTrees.delete(out);
    if (duckdb != null) {
      try {
        duckdb.close();
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }
  }

  /** Keeps up to {@link #OUTPUT_CAP} bytes, counts the rest. */
  private static final class CappedOutput extends OutputStream {
    private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    private long dropped;

    @Override
    public void write(int b) {
      if (kept.size() < OUTPUT_CAP) {
        kept.write(b);
      } else {
        dropped++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      int keep = Math.max(0, Math.min(len, OUTPUT_CAP - kept.size()));
      kept.write(b, off, keep);
      dropped += len - keep;
    }

    String text() {
      String text = kept.toString(StandardCharsets.UTF_8);
      return dropped == 0 ? text : text + "\n(" + dropped + " more bytes not kept)\n";
    }
  }
}
