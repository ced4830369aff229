package dev.wasitrace.analyzer;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.analyzer.net.NetworkTables;
import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An in-process DuckDB session over recorded processes: {@link #load} fills the tables of {@code
 * queries/tables.sql} from the registry's metadata and the processes' Arrow logs, then creates the
 * derived views ({@code network_events}, …); {@link #deriveNetworkTables} adds the tables framed in
 * Java when a command needs them; {@link #query} runs SQL over them. In memory, or in a DuckDB
 * database file that the DuckDB CLI or DBeaver can open afterwards.
 */
public final class AnalysisSession implements AutoCloseable {
  private final DuckDBConnection connection;
  private boolean loaded;
  private boolean networkTablesDerived;

  private AnalysisSession(DuckDBConnection connection) {
    this.connection = connection;
  }

  /** A session in memory: gone when closed. */
  public static AnalysisSession inMemory() {
    return open("jdbc:duckdb:", "an in-memory DuckDB database");
  }

  /**
   * A session in a DuckDB database file, created if need be. Loading replaces wasitrace's tables in
   * it and leaves any others alone.
   */
  public static AnalysisSession inFile(Path file) {
    return open("jdbc:duckdb:" + file.toAbsolutePath(), file.toString());
  }

  private static AnalysisSession open(String url, String what) {
    try {
      return new AnalysisSession((DuckDBConnection) DriverManager.getConnection(url));
    } catch (SQLException e) {
      throw new AnalysisException("cannot open " + what + ": " + SqlErrors.oneLine(e), e);
    }
  }

  /** The session's connection, for exporters and tests: with every table made first. */
  public DuckDBConnection connection() {
    // Whoever works on the connection directly (renderers, exporters) may read any table.
    if (loaded) {
      deriveNetworkTables();
    }
    return connection;
  }

  /**
   * Creates the tables and loads the given processes and modules: each process's log goes into
   * {@code syscalls} (several logs at once, one per core), its metadata into {@code processes}.
   * Returns what each log gave, by process ID. Fails on the first log that cannot be read.
   */
  public Map<String, LogLoad> load(
      List<RecordedProcess> processes, List<ModuleInfo> modules, LoadListener listener) {
    requireNonNull(listener);
    try {
      execute(SqlFiles.read(SqlFiles.TABLES));
      createErrnos();
      insertModules(modules);
      // Rows in no particular order load 1.5x faster (DuckDB inserts from all its threads at
      // once): syscalls is read ORDER BY seq, as any table.
      execute("SET preserve_insertion_order = false");
      Map<String, LogLoad> loads = loadLogs(processes, listener);
      execute("RESET preserve_insertion_order");
      insertProcesses(processes, loads);
      for (String derived : SqlFiles.DERIVED) {
        execute(SqlFiles.read(derived));
      }
      loaded = true;
      return loads;
    } catch (SQLException e) {
      throw new AnalysisException("loading the logs failed: " + SqlErrors.oneLine(e), e);
    }
  }

  /** The errnos table, from the one list of WASI errno names. */
  private void createErrnos() throws SQLException {
    StringBuilder values = new StringBuilder();
    for (int errno = 0; !Errno.name(errno).startsWith("E#"); errno++) {
      values.append(errno == 0 ? "" : ", ").append('(').append(errno).append(", '");
      values.append(Errno.name(errno)).append("')");
    }
    execute(
        "CREATE OR REPLACE TABLE errnos AS SELECT errno::INTEGER AS errno, name"
            + " FROM (VALUES "
            + values
            + ") AS t(errno, name)");
  }

  private Map<String, LogLoad> loadLogs(List<RecordedProcess> processes, LoadListener listener)
      throws SQLException {
    // Biggest logs first, so that parallel loaders finish together.
    List<Sized> sized = new ArrayList<>();
    long totalBytes = 0;
    for (RecordedProcess process : processes) {
      long bytes = sizeOf(process.log());
      sized.add(new Sized(process, bytes));
      totalBytes += bytes;
    }
    sized.sort(Comparator.comparingLong(Sized::bytes).reversed());
    listener.starting(processes.size(), totalBytes);

    PendingLogs pending = new PendingLogs(sized, listener);
    int workers = Math.max(1, Math.min(processes.size(), LOADERS));
    ExecutorService pool = Executors.newFixedThreadPool(workers, LogLoader::thread);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        String streamName = "wasitrace_log_stream_" + i;
        DuckDBConnection own = connection.duplicate();
        futures.add(
            pool.submit(
                () -> {
                  try (own) {
                    new LogLoader(own, streamName).load(pending);
                  } catch (RuntimeException | SQLException | IOException e) {
                    pending.stop(); // the other loaders stop after their current log
                    throw e;
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        await(future);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, LogLoad> ordered = new LinkedHashMap<>();
    for (RecordedProcess process : processes) {
      ordered.put(process.id(), pending.loads.getOrDefault(process.id(), LogLoad.NO_LOG));
    }
    return ordered;
  }

  /** Logs loaded at once: one per core (each also reads ahead on a thread of its own). */
  private static final int LOADERS = Runtime.getRuntime().availableProcessors();

  private record Sized(RecordedProcess process, long bytes) {}

  /** The logs still to load, shared by the loaders, and what each loaded log gave. */
  private static final class PendingLogs implements LogBatchStream.Logs {
    private final ConcurrentLinkedQueue<RecordedProcess> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, LogLoad> loads = new ConcurrentHashMap<>();
    private final LoadListener listener;
    private volatile boolean stopped;

    PendingLogs(List<Sized> logs, LoadListener listener) {
      logs.forEach(log -> queue.add(log.process()));
      this.listener = listener;
    }

    @Override
    public RecordedProcess next() {
      return stopped ? null : queue.poll();
    }

    void stop() {
      stopped = true;
    }

    @Override
    public void loaded(RecordedProcess process, LogLoad load) {
      loads.put(process.id(), load);
      if (load.truncation() != null) {
        String message =
            "process "
                + process.id()
                + ": "
                + load.truncation()
                + "; loaded its first "
                + load.records()
                + " records";
        if (load.cutByItsRun(process)) {
          listener.cutShort(message);
        } else {
          listener.warning(message);
        }
      }
      listener.loaded(process, load);
    }

    @Override
    public void read(long bytes) {
      listener.read(bytes);
    }
  }

  private static void await(Future<?> future) throws SQLException {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnalysisException("interrupted while loading the logs", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AnalysisException("loading the logs failed: " + e.getCause().getMessage(), e);
    }
  }

  private static long sizeOf(Path log) {
    try {
      return Files.size(log);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      return 0; // reported when the log is read
    }
  }

  private void insertModules(List<ModuleInfo> modules) throws SQLException {
    try (DuckDBAppender rows = connection.createAppender("modules")) {
      for (ModuleInfo module : modules) {
        rows.beginRow();
        rows.append(module.digest());
        rows.append(module.name());
        rows.append(module.size());
        appendTime(rows, module.storedTime());
        rows.endRow();
      }
    }
  }

  /** Rows through DuckDB's appender: a prepared INSERT per process costs a millisecond each. */
  private void insertProcesses(List<RecordedProcess> processes, Map<String, LogLoad> loads)
      throws SQLException {
    try (DuckDBAppender rows = connection.createAppender("processes")) {
      for (RecordedProcess process : processes) {
        LogLoad load = loads.get(process.id());
        rows.beginRow();
        rows.append(process.id());
        ProcessInfo info = process.info();
        appendTime(rows, info.startTime());
        appendTime(rows, info.endTime());
        rows.append(process.status() == null ? null : process.status().label());
        rows.append(info.exitCode());
        rows.append(info.error());
        rows.append(info.moduleDigest());
        rows.append(info.moduleName());
        rows.append(orEmpty(info.args()));
        rows.append(orEmpty(info.env()));
        rows.append(orEmpty(info.dirs()));
        rows.append(info.runtime());
        rows.append(info.engine());
        rows.append(load.records());
        rows.append(load.logBytes());
        rows.append(load.complete());
        rows.endRow();
      }
    }
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }

  /** A time as a TIMESTAMPTZ; null as NULL. */
  private static void appendTime(DuckDBAppender rows, Instant time) throws SQLException {
    if (time == null) {
      rows.appendNull();
    } else {
      rows.append(time.atOffset(ZoneOffset.UTC));
    }
  }

  /**
   * Runs one or more statements; returns the rows of the last one, or null when it returns none
   * ({@code CREATE}, {@code COPY}, …). Bad SQL is an {@link AnalysisException} with DuckDB's
   * message on one line.
   */
  public QueryResult query(String sql) {
    if (loaded && NetworkTables.namedIn(sql)) {
      deriveNetworkTables();
    }
    try (Statement statement = connection.createStatement()) {
      if (!statement.execute(sql)) {
        return null;
      }
      try (var results = statement.getResultSet()) {
        return QueryResult.read(results);
      }
    } catch (SQLException e) {
      throw new AnalysisException(SqlErrors.oneLine(e), e);
    }
  }

  /**
   * From now on no statement reaches outside the loaded tables: no file read or written ({@code
   * read_csv}, {@code COPY ... TO}, {@code ATTACH}), no network, no extension; and the setting is
   * locked, so SQL run afterwards cannot turn it back on. Called after {@link #load}, which reads
   * the logs through DuckDB's Arrow scan.
   */
  public void forbidExternalAccess() {
    try {
      execute("SET enable_external_access = false");
      execute("SET lock_configuration = true");
    } catch (SQLException e) {
      throw new AnalysisException("cannot forbid external access: " + SqlErrors.oneLine(e), e);
    }
  }

  /**
   * The session's connection without making the tables framed in Java first, for readers of the
   * loaded tables and their views alone ({@code trace network} and {@code trace request} read
   * {@code network_events}): making them costs a pass over every socket event.
   */
  public DuckDBConnection connectionToLoadedTables() {
    return connection;
  }

  /**
   * Makes {@code tcp_connections} and {@code http_exchanges} (and their base tables), once: framed
   * in Java over every TCP connection loaded, which reads all the socket events, so made when a
   * command needs them rather than at every load.
   */
  public void deriveNetworkTables() {
    if (networkTablesDerived) {
      return;
    }
    try {
      NetworkTables.derive(connection);
    } catch (SQLException e) {
      throw new AnalysisException("loading the logs failed: " + SqlErrors.oneLine(e), e);
    }
    networkTablesDerived = true;
  }

  /** Runs the statements of one of the {@code queries} files and returns its result. */
  public QueryResult queryFile(String name) {
    return query(SqlFiles.read(name));
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new AnalysisException("closing DuckDB failed: " + SqlErrors.oneLine(e), e);
    }
  }
}
