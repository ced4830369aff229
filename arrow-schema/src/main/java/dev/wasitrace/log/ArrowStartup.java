package dev.wasitrace.log;

/**
 * JVM-wide settings for Arrow's memory, made before the first Arrow buffer is allocated, and
 * Arrow's start-up work moved off the path that waits for it.
 */
public final class ArrowStartup {
  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  /** What a log's writer or reader initializes first, slowest first. */
  private static final String[] LOG_CLASSES = {
    "org.apache.arrow.vector.types.pojo.Schema",
    "org.apache.arrow.memory.RootAllocator",
    "com.github.luben.zstd.ZstdCompressCtx",
  };

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

  /**
   * Initializes, on a thread of its own, the classes a log's writer or reader needs first: Arrow's
   * schema (whose static state builds a Jackson object mapper), its allocator and the zstd binding,
   * about 0.15 s of a warm {@code run}'s or a {@code replay}'s start that can overlap loading the
   * module. Class initialization is safe across threads: a writer or reader that gets there first
   * waits for it, and one that fails is reported where the writer or reader is made.
   */
  public static void initializeInBackground() {
    Thread thread =
        new Thread(
            () -> {
              for (String name : LOG_CLASSES) {
                try {
                  Class.forName(name, true, ArrowStartup.class.getClassLoader());
                } catch (Throwable e) {
                  return; // the writer's own start reports it
                }
              }
            },
            "wasitrace-arrow-startup");
    thread.setDaemon(true);
    thread.start();
  }
}
