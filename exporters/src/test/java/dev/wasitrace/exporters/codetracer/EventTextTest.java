package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventTextTest {
  @Test
  void utf8IsKeptExactly() {
    String text = "plain, é, 😀\n";
    assertEquals(new EventText(text, true), EventText.of(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(new EventText("", true), EventText.of(new byte[0]));
  }

  @Test
  void otherBytesAreReplaced() {
    assertEquals(
        new EventText("a\uFFFDb", false), EventText.of(new byte[] {'a', (byte) 0xC3, 'b'}));
    // A lone surrogate encoded in UTF-8 (CESU) is invalid too: never a lone surrogate in JSON.
    EventText surrogate = EventText.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    assertEquals(false, surrogate.exact());
    surrogate.text().chars().forEach(c -> assertEquals(false, Character.isSurrogate((char) c)));
  }
}
