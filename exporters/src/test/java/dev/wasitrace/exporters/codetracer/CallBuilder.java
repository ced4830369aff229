package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.wasi.WasiFunction;
import java.nio.charset.StandardCharsets;

/** A logged call for tests, as the recorder would have written its row. */
final class CallBuilder {
  private final WasiFunction function;
  private long seq;
  private long[] params = new long[0];
  private boolean returned = true;
  private int errno;
  private Long result;
  private Long size;
  private byte[] data;
  private String path;
  private String path2;
  private byte[] memWrites;
  private String proto;
  private String local;
  private String peer;

  private CallBuilder(WasiFunction function) {
    this.function = function;
  }

  static CallBuilder of(WasiFunction function, long... params) {
    CallBuilder builder = new CallBuilder(function);
    builder.params = params;
    return builder;
  }

  CallBuilder seq(long seq) {
    this.seq = seq;
    return this;
  }

  CallBuilder errno(int errno) {
    this.errno = errno;
    return this;
  }

  CallBuilder noReturn() {
    this.returned = false;
    return this;
  }

  CallBuilder result(long result) {
    this.result = result;
    return this;
  }

  CallBuilder size(long size) {
    this.size = size;
    return this;
  }

  CallBuilder data(String text) {
    return data(text.getBytes(StandardCharsets.UTF_8));
  }

  CallBuilder data(byte[] bytes) {
    this.data = bytes;
    this.size = (long) bytes.length;
    return this;
  }

  CallBuilder path(String path) {
    this.path = path;
    return this;
  }

  CallBuilder path2(String path2) {
    this.path2 = path2;
    return this;
  }

  CallBuilder memWrites(byte[] encoded) {
    this.memWrites = encoded;
    return this;
  }

  CallBuilder socket(String proto, String local, String peer) {
    this.proto = proto;
    this.local = local;
    this.peer = peer;
    return this;
  }

  LoggedCall build() {
    return new LoggedCall(
        seq,
        function,
        function.logName(),
        params,
        returned,
        errno,
        result,
        function.fdParam() >= 0 ? (int) params[function.fdParam()] : null,
        size,
        data,
        path,
        path2,
        memWrites,
        proto,
        local,
        peer);
  }
}
