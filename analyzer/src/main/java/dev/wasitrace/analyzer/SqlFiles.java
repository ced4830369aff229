package dev.wasitrace.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The .sql files of the {@code queries} module, read from the classpath. */
public final class SqlFiles {
  /** The load tables: processes, modules, syscalls, errnos. */
  public static final String TABLES = "tables.sql";

  /** The view behind {@code trace network}. */
  public static final String NETWORK_EVENTS = "network_events.sql";

  /** The strace -c style summary per function. */
  public static final String SUMMARY = "summary.sql";

  /** The derived tables and views, created after the logs are loaded, in this order. */
  static final String[] DERIVED = {NETWORK_EVENTS};

  private SqlFiles() {}

  /** The text of {@code queries/NAME}. */
  public static String read(String name) {
    String resource = "/queries/" + name;
    try (InputStream in = SqlFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
