package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.UserError;
import org.junit.jupiter.api.Test;

class FormatVersionTest {
  @Test
  void parsesTheTwoProfiles() {
    assertEquals(FormatVersion.V0_14, FormatVersion.parse("0.14"));
    assertEquals(FormatVersion.V0_16, FormatVersion.parse("0.16"));
    assertEquals(FormatVersion.V0_16, FormatVersion.DEFAULT);
  }

  @Test
  void anUnknownVersionIsAUserError() {
    UserError error = assertThrows(UserError.class, () -> FormatVersion.parse("0.15"));
    assertTrue(error.getMessage().contains("0.15"), error.getMessage());
    assertTrue(error.getMessage().contains("0.14"), error.getMessage());
  }
}
