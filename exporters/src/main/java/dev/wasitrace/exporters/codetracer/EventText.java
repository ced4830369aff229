package dev.wasitrace.exporters.codetracer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An event's content, which CodeTracer requires to be UTF-8 text: the bytes themselves when they
 * are UTF-8 ({@code exact}), else decoded lossily (invalid bytes become U+FFFD), as CodeTracer's
 * own Python recorder does.
 */
record EventText(String text, boolean exact) {
  static EventText of(byte[] bytes) {
    if (isAscii(bytes)) {
      return new EventText(new String(bytes, StandardCharsets.US_ASCII), true);
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new EventText(text, true);
    } catch (CharacterCodingException e) {
      return new EventText(new String(bytes, StandardCharsets.UTF_8), false);
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
