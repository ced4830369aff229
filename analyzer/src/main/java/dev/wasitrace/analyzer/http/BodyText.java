package dev.wasitrace.analyzer.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A body as {@code trace request -v} shows it: the content coding undone ({@code gzip}, {@code
 * x-gzip}, {@code deflate}, {@code identity}, in the reverse order of {@code Content-Encoding}),
 * then the text if it is valid UTF-8. Anything else ({@code br}, bad gzip, binary data) is binary.
 */
public final class BodyText {
  /** What {@code -v} prints instead of a body that is not text. */
  public static final String BINARY = "(binary content)";

  /** More than this after decompression is not shown as text. */
  private static final int MAX_DECODED = 64 << 20;

  private BodyText() {}

  /** The body as text, or null when it is not UTF-8 text. */
  public static String of(HttpMessage message) {
    byte[] bytes = decoded(message);
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The body without its content coding, or null when a coding cannot be undone. */
  public static byte[] decoded(HttpMessage message) {
    byte[] bytes = message.body();
    List<String> codings = message.headers().tokens("Content-Encoding");
    for (int i = codings.size() - 1; i >= 0 && bytes != null; i--) {
      bytes =
          switch (codings.get(i)) {
            case "identity" -> bytes;
            case "gzip", "x-gzip" -> gunzip(bytes);
            case "deflate" -> inflate(bytes);
            default -> null;
          };
    }
    return bytes;
  }

  private static byte[] gunzip(byte[] bytes) {
    if (bytes.length == 0) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return readBounded(in);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code deflate} is zlib-wrapped by the RFC, raw by some servers: try both. */
  private static byte[] inflate(byte[] bytes) {
    if (bytes.length == 0) {
      return bytes;
    }
    for (boolean raw : new boolean[] {false, true}) {
      Inflater inflater = new Inflater(raw);
      try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes), inflater)) {
        return readBounded(in);
      } catch (IOException e) {
        // try the other form
      } finally {
        inflater.end();
      }
    }
    return null;
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_DECODED) {
        throw new IOException("too large to show");
      }
    }
    return out.toByteArray();
  }
}
