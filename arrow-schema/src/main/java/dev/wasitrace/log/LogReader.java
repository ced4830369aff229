package dev.wasitrace.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Reads a process log batch by batch. A log cut short (a killed run, a full disk) is read up to its
 * last whole batch; {@link #truncation()} then says why it stopped.
 */
public final class LogReader implements AutoCloseable {
  private static final byte[] END_OF_STREAM = {
    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0
  };

  private final Path path;
  private final BufferAllocator allocator;
  private final FileChannel channel;
  private final VerifiedLogChannel verified; // null for a version-1 log, which has no checksums
  private final ArrowStreamReader reader;
  private final boolean endMarker;
  private final List<String> functionNames;
  private final Map<String, String> metadata;
  private final LogBatch batch;
  private boolean done;
  private String truncation;
  private boolean damaged;
  private long rowsRead;
  private long batchesRead;

  /** Opens a log; fails with an {@link InvalidLogException} when it is not a readable log. */
  public LogReader(Path path) throws IOException {
    this.path = path;
    this.endMarker = endsWithMarker(path);
    this.allocator = new RootAllocator();
    try {
      this.channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      allocator.close();
      throw new InvalidLogException("log not found: " + path);
    }
    String unverifiable = null;
    VerifiedLogChannel verifiedChannel = null;
    try {
      LogChecksums.Contents sums = LogChecksums.read(LogChecksums.pathFor(path));
      verifiedChannel = sums == null ? null : new VerifiedLogChannel(channel, sums);
    } catch (InvalidLogException e) {
      unverifiable = "the log is damaged: " + e.getMessage();
    } catch (IOException e) {
      channel.close();
      allocator.close();
      throw e;
    }
    this.verified = verifiedChannel;
    this.reader =
        new ArrowStreamReader(
            verified != null ? verified : channel, allocator, CommonsCompressionFactory.INSTANCE);
    try {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      this.metadata = root.getSchema().getCustomMetadata();
      String version = metadata.get(LogSchema.META_VERSION);
      if (version == null) {
        throw new InvalidLogException(path + " is not a wasitrace log (no format version)");
      }
      if (Integer.parseInt(version) > LogSchema.VERSION) {
        throw new InvalidLogException(
            path + " has log format version " + version + ", newer than this wasitrace reads");
      }
      this.functionNames = readFunctionNames();
      this.batch = new LogBatch(root, functionNames);
      if (verified == null && Integer.parseInt(version) >= 2) {
        // Its records cannot be trusted, however they look.
        pendingFirst = false;
        done = true;
        damaged = true;
        truncation =
            unverifiable != null
                ? unverifiable
                : "the log is damaged: its checksum file "
                    + LogChecksums.pathFor(path).getFileName()
                    + " is missing";
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      if (verified != null && verified.stop() != null && verified.stop().damaged()) {
        throw new InvalidLogException(
            path + " is damaged in its header (" + verified.stop().reason() + ")");
      }
      if (e instanceof InvalidLogException invalid) {
        throw invalid;
      }
      throw new InvalidLogException(
          path + " is not a readable log: " + messageOf(e) + " (it may be cut short)");
    }
  }

  private List<String> readFunctionNames() throws IOException {
    // The stream reader loads dictionaries with the first batch; read them directly instead.
    Map<Long, Dictionary> dictionaries = reader.getDictionaryVectors();
    if (dictionaries.isEmpty() || reader.getVectorSchemaRoot() == null) {
      throw new InvalidLogException(path + " has no function dictionary");
    }
    List<String> names = new ArrayList<>();
    // loadNextBatch reads the dictionary batch that precedes the first record batch.
    advance();
    VarCharVector vector =
        (VarCharVector) dictionaries.get(LogSchema.FUNC_DICTIONARY_ID).getVector();
    for (int i = 0; i < vector.getValueCount(); i++) {
      names.add(new String(vector.get(i), java.nio.charset.StandardCharsets.UTF_8));
    }
    return List.copyOf(names);
  }

  private boolean pendingFirst;

  private int functionCount() throws IOException {
    Dictionary functions = reader.getDictionaryVectors().get(LogSchema.FUNC_DICTIONARY_ID);
    return functions == null ? 0 : functions.getVector().getValueCount();
  }

  private void advance() {
    try {
      if (reader.loadNextBatch()) {
        String invalid =
            LogValidation.problem(reader.getVectorSchemaRoot(), functionCount(), verified != null);
        if (invalid != null) {
          done = true;
          damaged = true;
          truncation = "the log is damaged at batch " + (batchesRead + 1) + " (" + invalid + ")";
          return;
        }
        pendingFirst = true;
      } else {
        done = true;
        VerifiedLogChannel.Stop stop = verified == null ? null : verified.stop();
        if (stop != null) {
          damaged = stop.damaged();
          truncation = stop.describe();
        } else if (!endMarker) {
          truncation =
              "the log ends without its end-of-stream marker (the run was killed or is still running)";
        }
      }
    } catch (IOException | RuntimeException e) {
      done = true;
      truncation = "the log is cut short after batch " + batchesRead + ": " + messageOf(e);
    }
  }

  /** Moves to the next batch; false at the end of the log (or where it is cut short). */
  public boolean next() {
    if (pendingFirst) {
      pendingFirst = false;
    } else {
      if (done) {
        return false;
      }
      advance();
      if (done) {
        return false;
      }
      pendingFirst = false;
    }
    batchesRead++;
    rowsRead += batch.rows();
    return true;
  }

  /** The current batch; valid until the next call to {@link #next()}. */
  public LogBatch batch() {
    return batch;
  }

  /** Why reading stopped before a clean end, or null if the log is complete so far. */
  public String truncation() {
    return truncation;
  }

  /** Whether reading stopped at damage (rather than at the end of a run cut short). */
  public boolean damaged() {
    return damaged;
  }

  /** Whether the log has checksums (format version 2 and later) that every batch was read past. */
  public boolean checksummed() {
    return verified != null;
  }

  /** True once the end-of-stream marker was reached: the run closed its log. */
  public boolean complete() {
    return done && truncation == null;
  }

  public List<String> functionNames() {
    return functionNames;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public long rowsRead() {
    return rowsRead;
  }

  public long batchesRead() {
    return batchesRead;
  }

  /** The underlying Arrow reader, for handing the stream on (e.g. to DuckDB). */
  public ArrowStreamReader arrowReader() {
    return reader;
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      // Nothing useful to do: the file was only read.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // idem
    }
    allocator.close();
  }

  static String messageOf(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static boolean endsWithMarker(Path path) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      if (file.length() < END_OF_STREAM.length) {
        return false;
      }
      byte[] tail = new byte[END_OF_STREAM.length];
      file.seek(file.length() - tail.length);
      file.readFully(tail);
      return java.util.Arrays.equals(tail, END_OF_STREAM);
    } catch (java.io.FileNotFoundException e) {
      throw new InvalidLogException("log not found: " + path);
    }
  }
}
