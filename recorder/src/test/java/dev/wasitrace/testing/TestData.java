package dev.wasitrace.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The committed test guests under testdata/ (see testdata/README.md). */
public final class TestData {
  private TestData() {}

  public static Path root() {
    String configured = System.getenv("WASITRACE_TESTDATA");
    Path root = configured != null ? Path.of(configured) : findUpwards();
    if (!Files.isDirectory(root.resolve("wasm"))) {
      throw new IllegalStateException("testdata not found at " + root);
    }
    return root;
  }

  /** testdata/wasm/NAME.wasm */
  public static Path wasm(String name) {
    return root().resolve("wasm").resolve(name + ".wasm");
  }

  private static Path findUpwards() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("testdata"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no testdata folder above the working directory");
    }
    return dir.resolve("testdata");
  }
}
