package dev.wasitrace.wasi;

/**
 * Byte strings as strace prints them: C-style escapes, cut at {@link #MAX_SHOWN} bytes with {@code
 * ...} after the closing quote.
 */
public final class EscapedBytes {
  /** How many bytes of a string a trace line shows (strace's default {@code -s 32}). */
  public static final int MAX_SHOWN = 32;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EscapedBytes() {}

  /**
   * A data buffer with its total length first: {@code [14]"Hello, World!\n"}. {@code bytes} holds
   * at least the first {@code min(total, MAX_SHOWN)} bytes.
   */
  public static String data(byte[] bytes, long total) {
    StringBuilder out = new StringBuilder().append('[').append(total).append(']');
    appendCut(out, bytes, total);
    return out.toString();
  }

  /** A string cut at {@link #MAX_SHOWN} bytes, without the length prefix. */
  public static String cut(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    appendCut(out, bytes, bytes.length);
    return out.toString();
  }

  /** The whole string, quoted and escaped (paths are never cut, as in strace). */
  public static String quoted(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length + 2);
    appendQuoted(out, bytes, bytes.length);
    return out.toString();
  }

  private static void appendCut(StringBuilder out, byte[] bytes, long total) {
    int shown = (int) Math.min(Math.min(total, MAX_SHOWN), bytes.length);
    appendQuoted(out, bytes, shown);
    if (total > shown) {
      out.append("...");
    }
  }

  private static void appendQuoted(StringBuilder out, byte[] bytes, int length) {
    out.append('"');
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      switch (b) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (b >= 0x20 && b < 0x7f) {
            out.append((char) b);
          } else {
            out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
          }
        }
      }
    }
    out.append('"');
  }
}
