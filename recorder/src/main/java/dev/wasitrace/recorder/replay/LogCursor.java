package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wasitrace.log.LogReader;
import dev.wasitrace.log.LogSchema;
import dev.wasitrace.wasi.WasiFunction;
import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * The records of a log one at a time, as the log streams in batch by batch. Values are read
 * straight from the batch's columns and bytes are copied into buffers reused from record to record,
 * so moving through millions of records allocates nothing per record.
 */
final class LogCursor {
  private final LogReader reader;
  private final WasiFunction[] functions;
  private final BigIntVector seq;
  private final SmallIntVector func;
  private final BigIntVector params;
  private final IntVector errno;
  private final BigIntVector result;
  private final VarBinaryVector data;
  private final VarCharVector path;
  private final VarCharVector path2; // null in a log older than format version 3
  private final VarBinaryVector memWrites;
  private int rows;
  private int row;
  private long read;
  private byte[] dataBytes = new byte[256];
  private int dataRow = -1;
  private byte[] memWritesBytes = new byte[256];

  LogCursor(LogReader reader) {
    this.reader = reader;
    this.functions = functionsOf(reader);
    // The reader loads every batch into the same vectors, so they are looked up once.
    VectorSchemaRoot root = reader.batch().root();
    seq = (BigIntVector) root.getVector(LogSchema.SEQ);
    func = (SmallIntVector) root.getVector(LogSchema.FUNC);
    params =
        (BigIntVector) ((FixedSizeListVector) root.getVector(LogSchema.PARAMS)).getDataVector();
    errno = (IntVector) root.getVector(LogSchema.ERRNO);
    result = (BigIntVector) root.getVector(LogSchema.RESULT);
    data = (VarBinaryVector) root.getVector(LogSchema.DATA);
    path = (VarCharVector) root.getVector(LogSchema.PATH);
    path2 = (VarCharVector) root.getVector(LogSchema.PATH2);
    memWrites = (VarBinaryVector) root.getVector(LogSchema.MEM_WRITES);
  }

  /** The functions of the log's dictionary, by id; null where this build does not know one. */
  private static WasiFunction[] functionsOf(LogReader reader) {
    WasiFunction[] byId = new WasiFunction[reader.functionNames().size()];
    for (int id = 0; id < byId.length; id++) {
      for (WasiFunction function : WasiFunction.values()) {
        if (function.logName().equals(reader.functionNames().get(id))) {
          byId[id] = function;
        }
      }
    }
    return byId;
  }

  /** Moves to the next record, reading the next batch when needed; false at the log's end. */
  boolean next() {
    if (row + 1 < rows) {
      row++;
    } else {
      do {
        if (!reader.next()) {
          row = rows;
          return false;
        }
        rows = reader.batch().rows();
      } while (rows == 0);
      row = 0;
    }
    read++;
    dataRow = -1;
    return true;
  }

  /** Records moved to so far. */
  long read() {
    return read;
  }

  /** Why the log stops before its end-of-stream marker, or null (see {@link LogReader}). */
  String truncation() {
    return reader.truncation();
  }

  long seq() {
    return seq.get(row);
  }

  /** The recorded function, or null if the log names one this build does not have. */
  WasiFunction function() {
    int id = func.get(row);
    return id >= 0 && id < functions.length ? functions[id] : null;
  }

  /** The recorded function's name as the log spells it. */
  String functionName() {
    int id = func.get(row);
    return id >= 0 && id < functions.length ? reader.functionNames().get(id) : "function#" + id;
  }

  /** Whether parameter slot {@code index} holds a value (the first paramCount slots do). */
  boolean hasParam(int index) {
    return index < LogSchema.MAX_PARAMS && !params.isNull(row * LogSchema.MAX_PARAMS + index);
  }

  long param(int index) {
    return params.get(row * LogSchema.MAX_PARAMS + index);
  }

  /** The recorded parameters, copied out (for messages). */
  long[] params() {
    int count = 0;
    while (hasParam(count)) {
      count++;
    }
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = param(i);
    }
    return values;
  }

  /** False when the recorded call never returned (proc_exit). */
  boolean hasErrno() {
    return !errno.isNull(row);
  }

  int errno() {
    return errno.get(row);
  }

  long resultOrZero() {
    return result.isNull(row) ? 0 : result.get(row);
  }

  boolean hasData() {
    return !data.isNull(row);
  }

  /** Length of the data column (0 when null). */
  int dataLength() {
    return data.isNull(row) ? 0 : data.getValueLength(row);
  }

  /** The data column, in a buffer reused by later records; {@link #dataLength()} bytes valid. */
  byte[] dataBytes() {
    if (dataRow != row) {
      int length = dataLength();
      if (length > dataBytes.length) {
        dataBytes = new byte[Math.max(length, dataBytes.length * 2)];
      }
      if (length > 0) {
        data.getDataBuffer().getBytes(data.getStartOffset(row), dataBytes, 0, length);
      }
      dataRow = row;
    }
    return dataBytes;
  }

  /** The data column, copied out (for messages). */
  byte[] dataCopy() {
    return hasData() ? Arrays.copyOf(dataBytes(), dataLength()) : null;
  }

  String path() {
    return path.isNull(row) ? null : new String(path.get(row), UTF_8);
  }

  String path2() {
    return path2 == null || path2.isNull(row) ? null : new String(path2.get(row), UTF_8);
  }

  boolean hasMemWrites() {
    return !memWrites.isNull(row);
  }

  int memWritesLength() {
    return memWrites.getValueLength(row);
  }

  /** The mem_writes column, in a buffer reused by later records. */
  byte[] memWritesBytes() {
    int length = memWritesLength();
    if (length > memWritesBytes.length) {
      memWritesBytes = new byte[Math.max(length, memWritesBytes.length * 2)];
    }
    memWrites.getDataBuffer().getBytes(memWrites.getStartOffset(row), memWritesBytes, 0, length);
    return memWritesBytes;
  }
}
