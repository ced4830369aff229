package dev.wasitrace.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/** Typed, row-wise access to one batch of a log. */
public final class LogBatch {
  private final VectorSchemaRoot root;
  private final List<String> functionNames;
  private final BigIntVector seq;
  private final TimeStampNanoTZVector ts;
  private final BigIntVector duration;
  private final SmallIntVector func;
  private final FixedSizeListVector params;
  private final BigIntVector paramValues;
  private final IntVector errno;
  private final BigIntVector result;
  private final IntVector fd;
  private final BigIntVector size;
  private final VarBinaryVector data;
  private final VarCharVector path;
  private final VarBinaryVector memWrites;

  LogBatch(VectorSchemaRoot root, List<String> functionNames) {
    this.root = root;
    this.functionNames = functionNames;
    seq = (BigIntVector) root.getVector(LogSchema.SEQ);
    ts = (TimeStampNanoTZVector) root.getVector(LogSchema.TS);
    duration = (BigIntVector) root.getVector(LogSchema.DURATION_NS);
    func = (SmallIntVector) root.getVector(LogSchema.FUNC);
    params = (FixedSizeListVector) root.getVector(LogSchema.PARAMS);
    paramValues = (BigIntVector) params.getDataVector();
    errno = (IntVector) root.getVector(LogSchema.ERRNO);
    result = (BigIntVector) root.getVector(LogSchema.RESULT);
    fd = (IntVector) root.getVector(LogSchema.FD);
    size = (BigIntVector) root.getVector(LogSchema.SIZE);
    data = (VarBinaryVector) root.getVector(LogSchema.DATA);
    path = (VarCharVector) root.getVector(LogSchema.PATH);
    memWrites = (VarBinaryVector) root.getVector(LogSchema.MEM_WRITES);
  }

  public int rows() {
    return root.getRowCount();
  }

  public long seq(int row) {
    return seq.get(row);
  }

  /** Start of the call, nanoseconds since the epoch. */
  public long tsNanos(int row) {
    return ts.get(row);
  }

  public long durationNanos(int row) {
    return duration.get(row);
  }

  public int funcId(int row) {
    return func.get(row);
  }

  public String func(int row) {
    int id = func.get(row);
    return id >= 0 && id < functionNames.size() ? functionNames.get(id) : "#" + id;
  }

  /** The call's raw parameters (the non-null leading slots). */
  public long[] params(int row) {
    int start = row * LogSchema.MAX_PARAMS;
    int count = 0;
    while (count < LogSchema.MAX_PARAMS && !paramValues.isNull(start + count)) {
      count++;
    }
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = paramValues.get(start + i);
    }
    return values;
  }

  public boolean hasErrno(int row) {
    return !errno.isNull(row);
  }

  public int errno(int row) {
    return errno.get(row);
  }

  public boolean hasResult(int row) {
    return !result.isNull(row);
  }

  public long result(int row) {
    return result.get(row);
  }

  public boolean hasFd(int row) {
    return !fd.isNull(row);
  }

  public int fd(int row) {
    return fd.get(row);
  }

  public boolean hasSize(int row) {
    return !size.isNull(row);
  }

  public long size(int row) {
    return size.get(row);
  }

  /** The bytes the call moved, or null. */
  public byte[] data(int row) {
    return data.isNull(row) ? null : data.get(row);
  }

  public String path(int row) {
    return path.isNull(row) ? null : new String(path.get(row), StandardCharsets.UTF_8);
  }

  /** The encoded guest-memory writes (see README), or null. */
  public byte[] memWrites(int row) {
    return memWrites.isNull(row) ? null : memWrites.get(row);
  }

  /** The Arrow batch itself. */
  public VectorSchemaRoot root() {
    return root;
  }
}
