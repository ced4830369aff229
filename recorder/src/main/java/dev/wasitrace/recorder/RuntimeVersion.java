package dev.wasitrace.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import run.endive.compiler.MachineFactoryCompiler;

/** The WebAssembly runtime wasitrace runs on, as its own jar names it ({@code Endive 1.0.0}). */
public final class RuntimeVersion {
  /** {@code Endive 1.0.0}: in each process's metadata and in compiled-code cache keys. */
  public static final String LABEL = "Endive " + read();

  private RuntimeVersion() {}

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in =
        MachineFactoryCompiler.class.getResourceAsStream(
            "/META-INF/maven/run.endive/compiler/pom.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Unknown below: a cache keyed by it is then never shared with a known version.
    }
    return properties.getProperty("version", "unknown");
  }
}
