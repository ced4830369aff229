package dev.wasitrace.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.DictionaryUtility;

/**
 * Writes a process log as an Arrow IPC stream. Rows fill an in-memory batch on the calling thread;
 * full batches (by row count, or by age) are compressed and written by a background thread, so a
 * killed process leaves every batch handed over so far readable on disk.
 */
public final class LogWriter implements AutoCloseable {
  /** Tuning of a writer; the defaults suit recording. */
  public record Options(int batchRows, long batchBytes, Duration flushInterval, int zstdLevel) {
    // 16,384-row batches: the row buffers a run allocates and zeroes are a quarter the size of
    // 65,536-row ones (peak RSS of a 1M-call run 204 MiB against 240-267 in bench/foundation.sh),
    // and the log compresses as well (7.2 against 7.5-7.9 bytes a record there).
    public static final Options DEFAULT = new Options(16_384, 4L << 20, Duration.ofSeconds(1), 1);

    /** The same options with another flush interval. */
    public Options withFlushInterval(Duration interval) {
      return new Options(batchRows, batchBytes, interval, zstdLevel);
    }

    public Options {
      if (batchRows < 1) {
        throw new IllegalArgumentException("batchRows must be positive");
      }
      requireNonNull(flushInterval);
    }
  }

  private static final int POOL_SIZE = 3;

  /** Put in the queue by close(): the writer thread stops when it reaches it. */
  private static final RowBuffer END = new RowBuffer(0);

  static {
    // Arrow checks bounds on every buffer access unless told otherwise; the encoder writes only
    // within the room it allocated, so the checks would cost time per row for nothing.
    // Effective only if no Arrow buffer was touched before (true for a recording run).
    if (System.getProperty("arrow.enable_unsafe_memory_access") == null) {
      System.setProperty("arrow.enable_unsafe_memory_access", "true");
    }
    ArrowStartup.skipNettyJfrEvents();
  }

  private final Options options;
  private final long flushNanos;
  private final BufferAllocator allocator;
  private final FileChannel file;
  private final ChecksummingChannel checksummed;
  private final WriteChannel channel;
  private final LogChecksums.Writer sums;
  private final BlockingQueue<RowBuffer> free = new ArrayBlockingQueue<>(POOL_SIZE);
  private final BlockingQueue<RowBuffer> filled = new LinkedBlockingQueue<>();
  private final BatchEncoder encoder;
  private final Thread writerThread;

  // Guarded by this.
  private RowBuffer current;
  private int buffersCreated;
  private long batchStartNanos;
  private boolean closed;
  private long rowsAppended;
  private long rowsDropped;

  // Written by the writer thread, read by others.
  private volatile IOException failure;
  private volatile java.util.function.Consumer<IOException> failureListener = e -> {};
  private volatile long batchesWritten;
  private volatile long rowsWritten;

  /**
   * Creates the file (which must not exist) and writes the schema and the function-name dictionary,
   * so that even a log with no rows is a valid stream.
   */
  public LogWriter(
      Path path, List<String> functionNames, Map<String, String> metadata, Options options)
      throws IOException {
    this.options = requireNonNull(options);
    this.flushNanos = options.flushInterval().toNanos();
    this.allocator = new RootAllocator();
    Map<String, String> meta = new HashMap<>(metadata);
    meta.put(LogSchema.META_VERSION, Integer.toString(LogSchema.VERSION));
    meta.put(LogSchema.META_FUNCTIONS, Integer.toString(functionNames.size()));
    Schema schema = LogSchema.schema(meta);
    String processId = metadata.getOrDefault(LogSchema.META_PROCESS_ID, "");
    try {
      this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      allocator.close();
      throw e;
    }
    try {
      this.sums = new LogChecksums.Writer(LogChecksums.pathFor(path), processId);
    } catch (IOException e) {
      file.close();
      allocator.close();
      throw e;
    }
    this.checksummed = new ChecksummingChannel(file, LogChecksums.processIdBytes(processId));
    this.channel = new WriteChannel(checksummed);
    CompressionCodec codec =
        options.zstdLevel() > 0
            ? new ZstdBatchCodec(allocator, options.zstdLevel())
            : NoCompressionCodec.INSTANCE;
    this.encoder = new BatchEncoder(VectorSchemaRoot.create(schema, allocator), codec);
    try {
      writeHeader(schema, functionNames);
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
    this.current = new RowBuffer(options.batchRows());
    this.buffersCreated = 1;
    this.writerThread = new Thread(this::writeLoop, "wasitrace-log-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  private void writeHeader(Schema schema, List<String> functionNames) throws IOException {
    checksummed.startMessage();
    try (VarCharVector names =
        (VarCharVector) LogSchema.functionNameField().createVector(allocator)) {
      names.allocateNew(functionNames.size());
      for (int i = 0; i < functionNames.size(); i++) {
        names.setSafe(i, functionNames.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      names.setValueCount(functionNames.size());
      Dictionary dictionary =
          new Dictionary(names, schema.findField(LogSchema.FUNC).getFieldType().getDictionary());
      DictionaryProvider.MapDictionaryProvider provider =
          new DictionaryProvider.MapDictionaryProvider(dictionary);
      List<Field> messageFields = new ArrayList<>();
      for (Field field : schema.getFields()) {
        messageFields.add(
            DictionaryUtility.toMessageFormat(field, provider, new java.util.HashSet<>()));
      }
      MessageSerializer.serialize(
          channel, new Schema(messageFields, schema.getCustomMetadata()), IpcOption.DEFAULT);
      try (VectorSchemaRoot dictRoot = new VectorSchemaRoot(List.of(names));
          ArrowRecordBatch dictBatch = new VectorUnloader(dictRoot).getRecordBatch();
          ArrowDictionaryBatch batch =
              new ArrowDictionaryBatch(LogSchema.FUNC_DICTIONARY_ID, dictBatch, false)) {
        MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
      }
    }
    int length = (int) channel.getCurrentPosition();
    sums.append(checksummed.finishMessage(0, length, 0, 0, 0));
  }

  /** Adds one row. Never blocks on disk unless the writer thread is two batches behind. */
  public synchronized void append(LogRow row) {
    if (closed || failure != null) {
      rowsDropped++;
      return;
    }
    RowBuffer batch = current;
    if (batch.rows == 0) {
      batchStartNanos = System.nanoTime();
    }
    batch.add(row);
    rowsAppended++;
    // The clock is read every 1024 rows only; the writer thread flushes idle batches.
    if (batch.isFull()
        || batch.variableBytes() >= options.batchBytes()
        || ((batch.rows & 1023) == 0 && System.nanoTime() - batchStartNanos >= flushNanos)) {
      handOff();
    }
  }

  /** Hands any pending rows to the writer thread now. */
  public synchronized void flush() {
    if (!closed && current.rows > 0) {
      handOff();
    }
  }

  private void handOff() {
    RowBuffer next = free.poll();
    if (next == null && buffersCreated < POOL_SIZE) {
      // Made on demand: a short run needs one buffer.
      buffersCreated++;
      next = new RowBuffer(options.batchRows());
    }
    filled.add(current);
    try {
      current = next != null ? next : free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the log writer", e);
    }
  }

  private void writeLoop() {
    long pollMillis = Math.max(1, options.flushInterval().toMillis() / 4);
    while (true) {
      RowBuffer batch;
      try {
        batch = filled.poll(pollMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (batch == null) {
        flushIfStale();
        continue;
      }
      if (batch == END) {
        return;
      }
      try {
        if (failure == null) {
          long offset = channel.getCurrentPosition();
          checksummed.startMessage();
          encoder.write(batch, channel);
          int length = (int) (channel.getCurrentPosition() - offset);
          sums.append(
              checksummed.finishMessage(
                  offset, length, (int) batchesWritten + 1, batch.firstSeq(), batch.rows));
          batchesWritten++;
          rowsWritten += batch.rows;
        }
      } catch (IOException | RuntimeException e) {
        failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        failureListener.accept(failure);
      } finally {
        batch.reset();
        free.add(batch);
      }
    }
  }

  private synchronized void flushIfStale() {
    if (!closed && current.rows > 0 && System.nanoTime() - batchStartNanos >= flushNanos) {
      handOff();
    }
  }

  /** Called once, from the writer thread, when writing fails; later rows are dropped. */
  public void onFailure(java.util.function.Consumer<IOException> listener) {
    this.failureListener = requireNonNull(listener);
  }

  /** The error that stopped writing, if any: rows after it were dropped. */
  public IOException failure() {
    return failure;
  }

  public synchronized long rowsAppended() {
    return rowsAppended;
  }

  public synchronized long rowsDropped() {
    return rowsDropped;
  }

  /** Rows safely in the file. */
  public long rowsWritten() {
    return rowsWritten;
  }

  public long batchesWritten() {
    return batchesWritten;
  }

  /** Writes what is pending and the end-of-stream marker, then releases everything. */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (current.rows > 0) {
        handOff();
      }
      closed = true;
      filled.add(END);
    }
    try {
      writerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (failure == null) {
        ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      closeQuietly();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeQuietly() {
    current = null;
    free.clear();
    if (encoder != null) {
      encoder.close();
    }
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      // Closing after a failure: the first error is the one reported.
    }
    try {
      sums.close();
    } catch (IOException | RuntimeException e) {
      // idem
    }
    allocator.close();
  }
}
