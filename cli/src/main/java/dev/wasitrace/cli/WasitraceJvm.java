package dev.wasitrace.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start a JVM that runs wasitrace's code, for the tests and benchmarks that start one: this
 * JVM's {@code java} and the flags bin/wasitrace passes (the jar's manifest carries the Add-Opens
 * too). The JDK 24+ flags are ignored by older JDKs.
 */
public final class WasitraceJvm {
  private WasitraceJvm() {}

  /** {@code java} and the flags, to which a caller adds its heap, classpath and main class. */
  public static List<String> command() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-XX:+IgnoreUnrecognizedVMOptions",
        "--sun-misc-unsafe-memory-access=allow",
        "--enable-native-access=ALL-UNNAMED");
  }
}
