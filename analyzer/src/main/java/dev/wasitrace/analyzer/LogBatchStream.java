package dev.wasitrace.analyzer;

import dev.wasitrace.log.InvalidLogException;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.log.LogSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The batches of one or more process logs as one {@link ArrowReader}, for export as an Arrow C
 * stream to DuckDB: each batch as the log holds it (64k rows), with the columns an older log lacks
 * ({@link LogColumns}) and a {@code process_id} column ({@link ProcessIdColumn}). One stream, so
 * one INSERT, loads many logs: a statement per log would cost more than a 10,000-record log takes
 * to load.
 *
 * <p>A thread of its own opens the logs (taken from a queue shared with other streams) and
 * decompresses their batches ahead of DuckDB. The stream's first log hands its batches over without
 * copying and stays open until the stream is closed; its allocator also holds copies of the later
 * logs' batches ({@link BatchCopies}: exported buffers must share one allocator root), so those
 * logs close as soon as they are read. A log cut short ends at its last whole batch.
 */
final class LogBatchStream extends ArrowReader {
  private static final int PREFETCHED_BATCHES = 2;

  /** Where a stream's logs come from and where what each gave goes. */
  interface Logs {
    /** The next process to load, or null when there is none left. */
    RecordedProcess next();

    /** A process's log is read (its batches may still be on their way to DuckDB). */
    void loaded(RecordedProcess process, LogLoad load);

    /** Bytes of log read. */
    void read(long bytes);
  }

  /** What the reading thread hands over: a batch, the end, or the error that stopped it. */
  private record Item(
      VectorSchemaRoot batch,
      Dictionary functions,
      Dictionary processIds,
      RuntimeException error) {}

  private static final Item END = new Item(null, null, null, null);

  private final Logs logs;
  private final RecordedProcess firstProcess;
  private final LogReader first;
  private final long firstBytes;
  private final BufferAllocator allocator;
  private final List<Field> logFields;
  private final VectorSchemaRoot schemaRoot;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(PREFETCHED_BATCHES);
  private final List<FieldVector> ownedDictionaries = new ArrayList<>();
  private final Dictionary firstProcessIds;
  private final Thread thread;
  private volatile RuntimeException failure;
  private Item current;
  private volatile boolean ended;

  private LogBatchStream(Logs logs, RecordedProcess firstProcess, LogReader first, long bytes)
      throws IOException {
    super(allocatorOf(first));
    this.logs = logs;
    this.firstProcess = firstProcess;
    this.first = first;
    this.firstBytes = bytes;
    this.allocator = allocatorOf(first);
    this.logFields =
        LogColumns.newest(first.arrowReader().getVectorSchemaRoot().getSchema().getFields());
    List<Field> fields = new ArrayList<>(logFields);
    fields.add(ProcessIdColumn.FIELD);
    this.schemaRoot = VectorSchemaRoot.create(new Schema(fields), allocator);
    this.firstProcessIds = processIds(firstProcess.id());
    this.current =
        new Item(
            schemaRoot,
            first.arrowReader().lookup(LogSchema.FUNC_DICTIONARY_ID),
            firstProcessIds,
            null);
    this.thread = new Thread(this::readAhead, "wasitrace-log-read-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A stream over the logs to come, starting at the first one that opens; null when none does (no
   * logs left, or only ones without rows: their results are already reported).
   */
  static LogBatchStream open(Logs logs) throws IOException {
    for (RecordedProcess process; (process = logs.next()) != null; ) {
      long bytes = sizeOf(process);
      LogReader reader = open(process, bytes, logs);
      if (reader != null) {
        try {
          return new LogBatchStream(logs, process, reader, bytes);
        } catch (IOException | RuntimeException e) {
          reader.close();
          throw e;
        }
      }
    }
    return null;
  }

  /** The log's size, or -1 when there is no log (the run failed before creating it). */
  private static long sizeOf(RecordedProcess process) {
    try {
      return Files.size(process.log());
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw unreadable(process, e.getMessage(), e);
    }
  }

  /**
   * Opens a log, or reports why it has no rows: no file (the run failed before creating it), or no
   * readable start although its run is unfinished (killed before its first batch reached the disk).
   * A log that cannot be read otherwise is an error.
   */
  private static LogReader open(RecordedProcess process, long bytes, Logs logs) {
    if (bytes < 0) {
      logs.loaded(process, LogLoad.missing(process));
      return null;
    }
    try {
      return new LogReader(process.log());
    } catch (NoSuchFileException e) {
      logs.loaded(process, LogLoad.missing(process));
      return null;
    } catch (InvalidLogException e) {
      if (process.unfinished()) {
        // Without a readable header nothing says whether it is damaged: reported as damage.
        logs.loaded(process, new LogLoad(0, 0, bytes, e.getMessage(), true));
        return null;
      }
      throw unreadable(process, e.getMessage(), e);
    } catch (IOException e) {
      throw unreadable(process, e.getMessage(), e);
    }
  }

  static AnalysisException unreadable(RecordedProcess process, String why, Throwable e) {
    return new AnalysisException("cannot read the log of process " + process.id() + ": " + why, e);
  }

  /** The allocator a log's vectors live in: exported buffers must share its root. */
  static BufferAllocator allocatorOf(LogReader log) throws IOException {
    return log.arrowReader().getVectorSchemaRoot().getFieldVectors().get(0).getAllocator();
  }

  /** The log whose allocator holds the stream's batches; open until {@link #release()}. */
  LogReader first() {
    return first;
  }

  /** The error that stopped reading, if any (DuckDB only sees that the stream failed). */
  RuntimeException failure() {
    return failure;
  }

  private void readAhead() {
    try {
      emit(firstProcess, first, firstBytes, true);
      for (RecordedProcess process; (process = logs.next()) != null; ) {
        long bytes = sizeOf(process);
        LogReader reader = open(process, bytes, logs);
        if (reader == null) {
          continue;
        }
        try (reader) {
          emit(process, reader, bytes, false);
        }
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // closed early
    } catch (RuntimeException | IOException e) {
      RuntimeException error =
          e instanceof RuntimeException r
              ? r
              : new AnalysisException("reading the logs failed: " + e.getMessage(), e);
      failure = error;
      drainQueue();
      queue.offer(new Item(null, null, null, error));
    }
  }

  /** Queues every batch of one log; the first log's without copying. */
  private void emit(RecordedProcess process, LogReader reader, long bytes, boolean zeroCopy)
      throws IOException, InterruptedException {
    VectorSchemaRoot logRoot = reader.arrowReader().getVectorSchemaRoot();
    List<Field> missing = LogColumns.missing(logRoot.getSchema().getFields(), logFields);
    if (missing == null) {
      throw unreadable(process, "its columns differ from those of the other logs", null);
    }
    Dictionary logFunctions = reader.arrowReader().lookup(LogSchema.FUNC_DICTIONARY_ID);
    Dictionary functions = zeroCopy ? logFunctions : copy(logFunctions);
    Dictionary processIds = zeroCopy ? firstProcessIds : processIds(process.id());
    long reported = 0;
    while (reader.next()) {
      long read = reader.arrowReader().bytesRead();
      logs.read(read - reported);
      reported = read;
      int rows = logRoot.getRowCount();
      List<FieldVector> vectors =
          zeroCopy ? BatchCopies.moveOut(logRoot) : BatchCopies.copyOut(logRoot, allocator);
      for (Field column : missing) {
        vectors.add(LogColumns.nulls(column, rows, allocator));
      }
      vectors.add(ProcessIdColumn.indexes(rows, allocator));
      List<Field> fields = new ArrayList<>(logFields);
      fields.add(ProcessIdColumn.FIELD);
      VectorSchemaRoot batch = new VectorSchemaRoot(fields, vectors, rows);
      try {
        queue.put(new Item(batch, functions, processIds, null));
      } catch (InterruptedException e) {
        batch.close();
        throw e;
      }
    }
    logs.loaded(
        process,
        new LogLoad(
            reader.rowsRead(), reader.batchesRead(), bytes, reader.truncation(), reader.damaged()));
  }

  private Dictionary copy(Dictionary dictionary) {
    return owned(
        BatchCopies.copy((VarCharVector) dictionary.getVector(), allocator),
        dictionary.getEncoding());
  }

  /** The one-value dictionary of a process's ID. */
  private Dictionary processIds(String id) {
    return owned(ProcessIdColumn.dictionary(id, allocator), ProcessIdColumn.FIELD.getDictionary());
  }

  /** A dictionary whose values this stream closes. */
  private Dictionary owned(VarCharVector values, DictionaryEncoding encoding) {
    synchronized (ownedDictionaries) {
      ownedDictionaries.add(values);
    }
    return new Dictionary(values, encoding);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    closeCurrent();
    if (ended) {
      return false;
    }
    Item item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the logs", e);
    }
    if (item.error() != null) {
      ended = true;
      throw new IOException(item.error().getMessage(), item.error());
    }
    if (item == END) {
      ended = true;
      return false;
    }
    current = item;
    return true;
  }

  @Override
  public VectorSchemaRoot getVectorSchemaRoot() {
    return current != null ? current.batch() : schemaRoot;
  }

  @Override
  public Dictionary lookup(long id) {
    if (current == null) {
      return null;
    }
    return id == ProcessIdColumn.DICTIONARY_ID ? current.processIds() : current.functions();
  }

  @Override
  public Set<Long> getDictionaryIds() {
    return Set.of(LogSchema.FUNC_DICTIONARY_ID, ProcessIdColumn.DICTIONARY_ID);
  }

  @Override
  public Map<Long, Dictionary> getDictionaryVectors() {
    return Map.of(
        LogSchema.FUNC_DICTIONARY_ID,
        lookup(LogSchema.FUNC_DICTIONARY_ID),
        ProcessIdColumn.DICTIONARY_ID,
        lookup(ProcessIdColumn.DICTIONARY_ID));
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  private void closeCurrent() {
    if (current != null && current.batch() != schemaRoot) {
      current.batch().close();
    }
    current = null;
  }

  /** Called when DuckDB lets the stream go: stops reading ahead, frees what was not handed over. */
  @Override
  public void close(boolean closeReadSource) {
    stopReading();
    closeCurrent();
  }

  private void stopReading() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainQueue();
  }

  /** Frees the batches not handed over. */
  private void drainQueue() {
    for (Item item; (item = queue.poll()) != null; ) {
      if (item.batch() != null) {
        item.batch().close();
      }
    }
  }

  /** Frees everything, the first log last: call once DuckDB is done with the stream. */
  void release() {
    stopReading();
    closeCurrent();
    schemaRoot.close();
    synchronized (ownedDictionaries) {
      ownedDictionaries.forEach(FieldVector::close);
      ownedDictionaries.clear();
    }
    try {
      first.close();
    } catch (IllegalStateException e) {
      // Arrow's allocator counts buffers still out. When the statement failed, DuckDB may not
      // have let go of every batch: that failure is the news, not the count.
      if (ended && failure == null) {
        throw e;
      }
    }
  }

  @Override
  protected void closeReadSource() {}

  @Override
  protected Schema readSchema() {
    return schemaRoot.getSchema();
  }
}
