package dev.wasitrace.exporters.codetracer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import dev.wasitrace.wasi.WasiNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The I/O a call did, as CodeTracer events (FORMAT.md §2.1): stdout as {@code Write} (the only kind
 * CodeTracer's terminal shows), stderr as {@code WriteOther}, files as {@code WriteFile}/{@code
 * ReadFile} with the file's path as metadata (the UI shows it as the file name), stdin as {@code
 * Read}, sockets as {@code Socket}, opens as {@code Open}, directory listings as {@code ReadDir}
 * and a non-zero exit as {@code Error}. Content is the bytes moved; other metadata is JSON, as
 * CodeTracer's recorders write it.
 */
final class IoEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  private static final int STDERR = 2;

  private final DescriptorNames names = new DescriptorNames();
  private final Map<String, String> streamMetadata = new HashMap<>();

  /** Writes the call's events (after its Call, so they belong to its step). */
  void write(LoggedCall call, TraceEventWriter out) throws IOException {
    WasiFunction function = call.function();
    if (function != null) {
      switch (function) {
        case FD_WRITE, FD_PWRITE -> written(call, out);
        case FD_READ, FD_PREAD -> read(call, out);
        case SOCK_SEND, SOCK_SEND_TO -> socketData(call, "SEND", out);
        case SOCK_RECV, SOCK_RECV_FROM, SOCK_RECV_FROM_V1 -> socketData(call, "RECV", out);
        case SOCK_CONNECT -> socketEvent(call, "CONN", out);
        case SOCK_ACCEPT, SOCK_ACCEPT_V1 -> {
          if (call.ok()) {
            socketEvent(call, "ACCEPT", out);
          }
        }
        case SOCK_SHUTDOWN -> socketEvent(call, "SHUT", out);
        case PATH_OPEN -> open(call, out);
        case FD_READDIR -> {
          if (call.ok()) {
            Map<String, Object> meta = syscall(call);
            meta.put("bufused", call.size());
            out.event(EventKind.READ_DIR, json(meta), names.name((int) call.param(0)));
          }
        }
        case PROC_EXIT -> {
          int code = (int) call.param(0);
          if (code != 0) {
            Map<String, Object> meta = syscall(call);
            meta.put("exit_code", code);
            out.event(EventKind.ERROR, json(meta), "exit code " + code);
          }
        }
        default -> {
          // No I/O worth an event (clocks, random, args, stat calls…): the call says it all.
        }
      }
    }
    names.update(call);
  }

  private void written(LoggedCall call, TraceEventWriter out) throws IOException {
    if (!call.ok() || call.data() == null) {
      return;
    }
    if (call.onSocket()) {
      socketData(call, "SEND", out);
      return;
    }
    int fd = (int) call.param(0);
    EventText text = EventText.of(call.data());
    switch (fd) {
      case STDOUT -> out.event(EventKind.WRITE, stream(call, "stdout", text), text.text());
      case STDERR -> out.event(EventKind.WRITE_OTHER, stream(call, "stderr", text), text.text());
      default -> out.event(EventKind.WRITE_FILE, names.name(fd), text.text());
    }
  }

  private void read(LoggedCall call, TraceEventWriter out) throws IOException {
    if (!call.ok() || call.data() == null || call.data().length == 0) {
      return;
    }
    if (call.onSocket()) {
      socketData(call, "RECV", out);
      return;
    }
    int fd = (int) call.param(0);
    EventText text = EventText.of(call.data());
    if (fd == STDIN) {
      out.event(EventKind.READ, stream(call, "stdin", text), text.text());
    } else {
      out.event(EventKind.READ_FILE, names.name(fd), text.text());
    }
  }

  /** {"stream","fd","syscall"} as in CodeTracer's examples; cached, stdout writes dominate. */
  private String stream(LoggedCall call, String stream, EventText text) {
    String key = stream + ' ' + call.param(0) + ' ' + call.wasiName() + ' ' + text.exact();
    String cached = streamMetadata.get(key);
    if (cached == null) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("stream", stream);
      meta.put("fd", (int) call.param(0));
      meta.put("syscall", call.wasiName());
      if (!text.exact()) {
        meta.put("lossy", true);
      }
      cached = json(meta);
      streamMetadata.put(key, cached);
    }
    return cached;
  }

  private void socketData(LoggedCall call, String type, TraceEventWriter out) throws IOException {
    if (!call.ok() || call.data() == null || (type.equals("RECV") && call.data().length == 0)) {
      return;
    }
    EventText text = EventText.of(call.data());
    Map<String, Object> meta = socket(call, type);
    meta.put("bytes", call.data().length);
    if (!text.exact()) {
      meta.put("lossy", true);
    }
    out.event(EventKind.SOCKET, json(meta), text.text());
  }

  /** A connection event, worded like {@code trace network}: CONN local > peer: OK. */
  private void socketEvent(LoggedCall call, String type, TraceEventWriter out) throws IOException {
    Map<String, Object> meta = socket(call, type);
    String outcome = call.ok() ? "OK" : Errno.name(call.errno());
    String content =
        type
            + " "
            + orUnknown(call.localAddr())
            + " > "
            + orUnknown(call.peerAddr())
            + ": "
            + outcome;
    out.event(EventKind.SOCKET, json(meta), content);
  }

  private static Map<String, Object> socket(LoggedCall call, String type) {
    Map<String, Object> meta = syscall(call);
    meta.put("type", type);
    meta.put("proto", call.proto());
    meta.put("local", call.localAddr());
    meta.put("peer", call.peerAddr());
    return meta;
  }

  private void open(LoggedCall call, TraceEventWriter out) throws IOException {
    if (call.path() == null) {
      return; // a wild path pointer: nothing was opened
    }
    Map<String, Object> meta = syscall(call);
    meta.put(
        "flags",
        WasiNames.openFlags(
            call.param(1) & 0xffffffffL,
            call.param(4) & 0xffffffffL,
            call.param(5),
            call.param(7) & 0xffffffffL));
    if (call.ok() && call.result() != null) {
      meta.put("opened_fd", call.result());
    }
    String path = DescriptorNames.join(names.name((int) call.param(0)), call.path());
    out.event(EventKind.OPEN, json(meta), path);
  }

  /** The keys every JSON metadata starts with: the call, its descriptor and its errno. */
  private static Map<String, Object> syscall(LoggedCall call) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("syscall", call.wasiName());
    meta.put("seq", call.seq());
    if (call.function() != null && call.function().fdParam() >= 0) {
      meta.put("fd", (int) call.param(call.function().fdParam()));
    }
    if (call.returned() && call.errno() != Errno.SUCCESS) {
      meta.put("errno", Errno.name(call.errno()));
    }
    return meta;
  }

  private static String orUnknown(String address) {
    return address != null ? address : "?";
  }

  private static String json(Map<String, Object> meta) {
    try {
      return JSON.writeValueAsString(meta);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
