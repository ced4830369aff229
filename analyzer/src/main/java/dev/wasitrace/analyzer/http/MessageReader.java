package dev.wasitrace.analyzer.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HTTP/1.x message heads and bodies off one {@link RecordedStream}, from a cursor. Lines end
 * in CRLF (a bare LF is accepted too). A read that runs out of recorded bytes says so rather than
 * guessing.
 */
final class MessageReader {
  /** A head longer than this is not HTTP. */
  private static final int MAX_HEAD = 1 << 20;

  /** The stream does not hold an HTTP message where one should start. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** A message head: its lines (start line first) and fields, and where it started. */
  record Head(List<String> lines, HttpHeaders headers, int start) {}

  /** A body as read: its bytes, trailers, where it ended, and whether it was all there. */
  record Body(byte[] bytes, HttpHeaders trailers, int end, boolean complete) {}

  private final RecordedStream stream;
  private int position;

  MessageReader(RecordedStream stream) {
    this.stream = stream;
  }

  RecordedStream stream() {
    return stream;
  }

  int position() {
    return position;
  }

  boolean atEnd() {
    return position >= stream.length();
  }

  /** Whether the unread bytes start with {@code prefix}. */
  boolean startsWith(byte[] prefix) {
    if (stream.length() - position < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (stream.at(position + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The next line without moving the cursor, or null when no line end was recorded. */
  String peekLine() {
    int end = lineEnd(position);
    return end < 0 ? null : text(position, end);
  }

  /**
   * Reads a head: the start line, header lines, and the empty line after them. Returns null, the
   * cursor unmoved, when the recording ends before the empty line.
   */
  Head readHead() throws Malformed {
    int start = position;
    int at = position;
    List<String> lines = new ArrayList<>();
    List<HttpHeaders.Field> fields = new ArrayList<>();
    while (true) {
      int end = lineEnd(at);
      if (end < 0) {
        if (stream.length() - start > MAX_HEAD) {
          throw new Malformed("head longer than " + MAX_HEAD + " bytes");
        }
        return null;
      }
      String line = text(at, end);
      at = next(end);
      if (line.isEmpty()) {
        break;
      }
      if (!lines.isEmpty()
          && (line.charAt(0) == ' ' || line.charAt(0) == '\t')
          && !fields.isEmpty()) {
        // obs-fold: the line goes on the previous field's value
        HttpHeaders.Field previous = fields.remove(fields.size() - 1);
        fields.add(new HttpHeaders.Field(previous.name(), previous.value() + " " + line.strip()));
      } else if (!lines.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.add(
              new HttpHeaders.Field(
                  line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
      }
      lines.add(line);
    }
    position = at;
    return new Head(lines, new HttpHeaders(fields), start);
  }

  /** Reads {@code length} bytes of body, or as many as were recorded. */
  Body readFixed(long length) {
    int available = stream.length() - position;
    int take = (int) Math.min(length, available);
    byte[] bytes = stream.slice(position, position + take);
    position += take;
    return new Body(bytes, HttpHeaders.NONE, position, take == length);
  }

  /** Reads the rest of the stream: a body delimited by the connection's close. */
  Body readToEnd() {
    byte[] bytes = stream.slice(position, stream.length());
    position = stream.length();
    return new Body(bytes, HttpHeaders.NONE, position, stream.ended());
  }

  /** Reads a chunked body, its last chunk and trailers. */
  Body readChunked() throws Malformed {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      int end = lineEnd(position);
      if (end < 0) {
        return partial(bytes);
      }
      String line = text(position, end);
      int extension = line.indexOf(';');
      String digits = (extension < 0 ? line : line.substring(0, extension)).strip();
      long size;
      try {
        size = Long.parseLong(digits, 16);
      } catch (NumberFormatException e) {
        throw new Malformed("bad chunk size line: " + line);
      }
      if (size < 0) {
        throw new Malformed("bad chunk size line: " + line);
      }
      if (size == 0) {
        position = next(end);
        return trailers(bytes);
      }
      int data = next(end);
      if (stream.length() - data < size) {
        position = stream.length();
        bytes.write(stream.slice(data, stream.length()), 0, stream.length() - data);
        return new Body(bytes.toByteArray(), HttpHeaders.NONE, position, false);
      }
      bytes.writeBytes(stream.slice(data, (int) (data + size)));
      int after = (int) (data + size);
      int crlf = lineEnd(after);
      if (crlf < 0) {
        position = stream.length();
        return new Body(bytes.toByteArray(), HttpHeaders.NONE, position, false);
      }
      if (crlf != after) {
        throw new Malformed("chunk data longer than its size");
      }
      position = next(crlf);
    }
  }

  private Body trailers(ByteArrayOutputStream bytes) {
    List<HttpHeaders.Field> fields = new ArrayList<>();
    while (true) {
      int end = lineEnd(position);
      if (end < 0) {
        return partial(bytes);
      }
      String line = text(position, end);
      position = next(end);
      if (line.isEmpty()) {
        return new Body(bytes.toByteArray(), new HttpHeaders(fields), position, true);
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.add(
            new HttpHeaders.Field(
                line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
      }
    }
  }

  private Body partial(ByteArrayOutputStream bytes) {
    position = stream.length();
    return new Body(bytes.toByteArray(), HttpHeaders.NONE, position, false);
  }

  /** The offset of the LF ending the line at {@code from} (minus a CR before it), or -1. */
  private int lineEnd(int from) {
    for (int i = from; i < stream.length(); i++) {
      if (stream.at(i) == '\n') {
        return i > from && stream.at(i - 1) == '\r' ? i - 1 : i;
      }
    }
    return -1;
  }

  /** The offset after the line end at {@code end}. */
  private int next(int end) {
    return stream.at(end) == '\r' ? end + 2 : end + 1;
  }

  private String text(int from, int to) {
    return new String(stream.slice(from, to), StandardCharsets.UTF_8);
  }
}
