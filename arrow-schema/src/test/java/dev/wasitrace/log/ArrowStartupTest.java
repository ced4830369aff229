package dev.wasitrace.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowStartupTest {
  private final String before = System.getProperty("io.netty.jfr.enabled");

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("io.netty.jfr.enabled");
    } else {
      System.setProperty("io.netty.jfr.enabled", before);
    }
  }

  @Test
  void turnsNettyJfrEventsOff() {
    System.clearProperty("io.netty.jfr.enabled");
    ArrowStartup.skipNettyJfrEvents();
    assertEquals("false", System.getProperty("io.netty.jfr.enabled"));
  }

  @Test
  void aUsersOwnSettingWins() {
    System.setProperty("io.netty.jfr.enabled", "true");
    ArrowStartup.skipNettyJfrEvents();
    assertEquals("true", System.getProperty("io.netty.jfr.enabled"));
  }
}
