package dev.wasitrace.log;

/**
 * One host call on its way into the log. Mutable and reused by the recorder, so the per-call path
 * allocates nothing; {@link LogWriter#append} copies what it needs.
 */
public final class LogRow {
  long seq;
  long tsNanos;
  long durationNanos;
  int funcId;
  final long[] params = new long[LogSchema.MAX_PARAMS];
  int paramCount;
  boolean hasErrno;
  int errno;
  boolean hasResult;
  long result;
  boolean hasFd;
  int fd;
  boolean hasSize;
  long size;
  byte[] data;
  int dataLength;
  boolean dataHandedOver;
  String path;
  String path2;
  byte[] memWrites;
  int memWritesLength;
  String proto;
  String localAddr;
  String peerAddr;

  /** Forgets every optional column, ready for the next call. */
  public LogRow clear() {
    paramCount = 0;
    hasErrno = false;
    hasResult = false;
    hasFd = false;
    hasSize = false;
    data = null;
    dataLength = 0;
    dataHandedOver = false;
    path = null;
    path2 = null;
    memWrites = null;
    memWritesLength = 0;
    proto = null;
    localAddr = null;
    peerAddr = null;
    return this;
  }

  public LogRow call(long seq, long tsNanos, long durationNanos, int funcId) {
    this.seq = seq;
    this.tsNanos = tsNanos;
    this.durationNanos = durationNanos;
    this.funcId = funcId;
    return this;
  }

  public LogRow params(long[] args) {
    if (args.length > LogSchema.MAX_PARAMS) {
      throw new IllegalArgumentException("too many parameters: " + args.length);
    }
    System.arraycopy(args, 0, params, 0, args.length);
    paramCount = args.length;
    return this;
  }

  public LogRow errno(int errno) {
    this.hasErrno = true;
    this.errno = errno;
    return this;
  }

  public LogRow result(long result) {
    this.hasResult = true;
    this.result = result;
    return this;
  }

  /** The result set for this row, or 0 when there is none. */
  public long resultOrZero() {
    return hasResult ? result : 0;
  }

  public LogRow fd(int fd) {
    this.hasFd = true;
    this.fd = fd;
    return this;
  }

  public LogRow size(long size) {
    this.hasSize = true;
    this.size = size;
    return this;
  }

  /** The bytes the call moved; the array is read, not kept, by the writer. */
  public LogRow data(byte[] data, int length) {
    this.data = data;
    this.dataLength = length;
    this.dataHandedOver = false;
    return this;
  }

  /**
   * The bytes the call moved, in an array nobody changes after this call: the writer may keep it
   * instead of copying it (which matters for bulk socket and file traffic).
   */
  public LogRow dataHandedOver(byte[] data) {
    this.data = data;
    this.dataLength = data.length;
    this.dataHandedOver = true;
    return this;
  }

  public LogRow path(String path) {
    this.path = path;
    return this;
  }

  public LogRow path2(String path2) {
    this.path2 = path2;
    return this;
  }

  /**
   * The socket a call worked on: {@code TCP} or {@code UDP}, and the local and peer addresses as
   * {@code 127.0.0.1:8080} or {@code [::1]:8080} (either may be null).
   */
  public LogRow socket(String proto, String localAddr, String peerAddr) {
    this.proto = proto;
    this.localAddr = localAddr;
    this.peerAddr = peerAddr;
    return this;
  }

  /** The guest memory the host wrote, encoded by the recorder (see README). */
  public LogRow memWrites(byte[] memWrites, int length) {
    this.memWrites = memWrites;
    this.memWritesLength = length;
    return this;
  }
}
