package dev.wasitrace.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EscapedBytesTest {
  @Test
  void escapesLikeC() {
    byte[] bytes = {'a', '\n', '\t', '\r', '"', '\\', 0, 0x1b, 0x7f, (byte) 0xff, '~', ' '};
    assertEquals("\"a\\n\\t\\r\\\"\\\\\\x00\\x1b\\x7f\\xff~ \"", EscapedBytes.quoted(bytes));
  }

  @Test
  void dataHasItsTotalLengthFirst() {
    assertEquals(
        "[14]\"Hello, World!\\n\"", EscapedBytes.data("Hello, World!\n".getBytes(UTF_8), 14));
    assertEquals("[0]\"\"", EscapedBytes.data(new byte[0], 0));
  }

  @Test
  void cutsAfter32BytesWithDotsAfterTheQuote() {
    byte[] exactly32 = "0123456789abcdefghijklmnopqrstuv".getBytes(UTF_8);
    assertEquals("[32]\"0123456789abcdefghijklmnopqrstuv\"", EscapedBytes.data(exactly32, 32));
    byte[] longer = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(UTF_8);
    assertEquals("[36]\"0123456789abcdefghijklmnopqrstuv\"...", EscapedBytes.data(longer, 36));
    assertEquals("\"0123456789abcdefghijklmnopqrstuv\"...", EscapedBytes.cut(longer));
  }

  @Test
  void totalMayExceedTheBytesAtHand() {
    // The formatter gathers only the bytes it shows; the prefix still counts them all.
    byte[] first = "0123456789abcdefghijklmnopqrstuv".getBytes(UTF_8);
    assertEquals("[65536]\"0123456789abcdefghijklmnopqrstuv\"...", EscapedBytes.data(first, 65536));
  }

  @Test
  void cutCountsBytesNotEscapes() {
    byte[] newlines = new byte[40];
    java.util.Arrays.fill(newlines, (byte) '\n');
    assertEquals("\"" + "\\n".repeat(32) + "\"...", EscapedBytes.cut(newlines));
  }

  @Test
  void pathsAreNeverCut() {
    String path = "a/".repeat(40) + "file.txt";
    assertEquals("\"" + path + "\"", EscapedBytes.quoted(path.getBytes(UTF_8)));
  }
}
