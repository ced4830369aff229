package dev.wasitrace.registry;

/** The version of wasitrace, as {@code --version} says and the files it writes record it. */
public final class WasitraceVersion {
  public static final String VERSION = "0.1.0";

  private WasitraceVersion() {}
}
