package dev.wasitrace.analyzer.net;

/**
 * The hex dump of {@code trace network -v}, after {@code hexdump -C}: 16 bytes a row, an 8-digit
 * lowercase hex offset, two spaces, each byte as {@code %02x } with one more space after the 8th,
 * then {@code |ascii|} (bytes outside 32–126 as {@code .}). The last row is padded in the hex part
 * only, so its {@code |} lines up; there is no trailing offset row and no {@code *} folding.
 *
 * <pre>
 * 00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|
 * 00000010  0a                                                |.|
 * </pre>
 */
public final class HexDump {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private HexDump() {}

  /** The dump of {@code bytes}, one line per 16 bytes, each ending in a newline. */
  public static String of(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length + 15) / 16 * 80);
    appendTo(bytes, out);
    return out.toString();
  }

  /** Appends the dump of {@code bytes} to {@code out}. */
  public static void appendTo(byte[] bytes, StringBuilder out) {
    for (int row = 0; row < bytes.length; row += 16) {
      for (int shift = 28; shift >= 0; shift -= 4) {
        out.append(HEX[(row >>> shift) & 0xf]);
      }
      out.append("  ");
      int end = Math.min(row + 16, bytes.length);
      for (int i = row; i < row + 16; i++) {
        if (i < end) {
          int b = bytes[i] & 0xff;
          out.append(HEX[b >>> 4]).append(HEX[b & 0xf]).append(' ');
        } else {
          out.append("   ");
        }
        if (i - row == 7) {
          out.append(' ');
        }
      }
      out.append(" |");
      for (int i = row; i < end; i++) {
        int b = bytes[i] & 0xff;
        out.append(b >= 32 && b <= 126 ? (char) b : '.');
      }
      out.append("|\n");
    }
  }
}
