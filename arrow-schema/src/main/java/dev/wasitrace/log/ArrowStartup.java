package dev.wasitrace.log;

/** JVM-wide settings for Arrow's memory, made before the first Arrow buffer is allocated. */
public final class ArrowStartup {
  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  private ArrowStartup() {}

  /**
   * Turns off Netty's JFR allocation events (Arrow allocates through Netty): registering them on
   * the first allocation loads JFR's metadata, about 140 ms of every command's start
   * (bench/startup.sh), for events nobody records. A user's own setting wins. Effective only before
   * Netty's first allocation.
   */
  public static void skipNettyJfrEvents() {
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
  }
}
