package dev.wasitrace.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Typed, row-wise access to one batch of a log. */
public final class LogBatch {
  private final VectorSchemaRoot root;
  private final LogVectors v;
  private final List<String> functionNames;

  LogBatch(VectorSchemaRoot root, List<String> functionNames) {
    this.root = root;
    this.v = new LogVectors(root);
    this.functionNames = functionNames;
  }

  public int rows() {
    return root.getRowCount();
  }

  public long seq(int row) {
    return v.seq.get(row);
  }

  /** Start of the call, nanoseconds since the epoch. */
  public long tsNanos(int row) {
    return v.ts.get(row);
  }

  public long durationNanos(int row) {
    return v.duration.get(row);
  }

  public int funcId(int row) {
    return v.func.get(row);
  }

  public String func(int row) {
    int id = v.func.get(row);
    return id >= 0 && id < functionNames.size() ? functionNames.get(id) : "#" + id;
  }

  /** The call's raw parameters (the non-null leading slots). */
  public long[] params(int row) {
    int start = row * LogSchema.MAX_PARAMS;
    int count = 0;
    while (count < LogSchema.MAX_PARAMS && !v.paramValues.isNull(start + count)) {
      count++;
    }
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = v.paramValues.get(start + i);
    }
    return values;
  }

  public boolean hasErrno(int row) {
    return !v.errno.isNull(row);
  }

  public int errno(int row) {
    return v.errno.get(row);
  }

  public boolean hasResult(int row) {
    return !v.result.isNull(row);
  }

  public long result(int row) {
    return v.result.get(row);
  }

  public boolean hasFd(int row) {
    return !v.fd.isNull(row);
  }

  public int fd(int row) {
    return v.fd.get(row);
  }

  public boolean hasSize(int row) {
    return !v.size.isNull(row);
  }

  public long size(int row) {
    return v.size.get(row);
  }

  /** The bytes the call moved, or null. */
  public byte[] data(int row) {
    return v.data.isNull(row) ? null : v.data.get(row);
  }

  public String path(int row) {
    return v.path.isNull(row) ? null : new String(v.path.get(row), StandardCharsets.UTF_8);
  }

  /** The second path (rename's, link's and symlink's), or null, as in logs before version 3. */
  public String path2(int row) {
    return v.path2 == null || v.path2.isNull(row)
        ? null
        : new String(v.path2.get(row), StandardCharsets.UTF_8);
  }

  /** The encoded guest-memory writes (see README), or null. */
  public byte[] memWrites(int row) {
    return v.memWrites.isNull(row) ? null : v.memWrites.get(row);
  }

  /** TCP or UDP for socket calls, else null. */
  public String proto(int row) {
    return text(v.proto, row);
  }

  /** The socket's local address ({@code 127.0.0.1:8080}), or null. */
  public String localAddr(int row) {
    return text(v.localAddr, row);
  }

  /** The socket's peer address, or null. */
  public String peerAddr(int row) {
    return text(v.peerAddr, row);
  }

  private static String text(org.apache.arrow.vector.VarCharVector vector, int row) {
    return vector.isNull(row) ? null : new String(vector.get(row), StandardCharsets.UTF_8);
  }

  /** The Arrow batch itself. */
  public VectorSchemaRoot root() {
    return root;
  }
}
