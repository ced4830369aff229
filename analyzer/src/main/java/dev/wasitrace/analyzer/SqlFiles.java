package dev.wasitrace.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The .sql files of the {@code queries} module, read from the classpath. Each states, in a {@code
 * -- requires: a.sql, b.sql} line, the files whose tables it reads or its rows come from (as
 * Perfetto's SQL modules include theirs); {@code SqlFilesTest} checks that every table a file's SQL
 * reads is made there or in what it requires.
 */
public final class SqlFiles {
  /** The load tables: processes, modules, syscalls (errnos is made from Errno). */
  public static final String TABLES = "tables.sql";

  /** The view behind {@code trace network}. */
  public static final String NETWORK_EVENTS = "network_events.sql";

  /** tcp_connections over tcp_connections_raw, whose rows are framed in Java. */
  public static final String TCP_CONNECTIONS = "tcp_connections.sql";

  /** http_exchanges over http_messages, whose rows are framed in Java. */
  public static final String HTTP_EXCHANGES = "http_exchanges.sql";

  /** What {@code export pcap --filter} filters. */
  public static final String PCAP_FLOWS = "pcap_flows.sql";

  /** The strace -c style summary per function. */
  public static final String SUMMARY = "summary.sql";

  /** Every file, in an order where each comes after those it requires. */
  public static final List<String> ALL =
      List.of(TABLES, NETWORK_EVENTS, TCP_CONNECTIONS, HTTP_EXCHANGES, PCAP_FLOWS, SUMMARY);

  /** The derived tables and views, created after the logs are loaded, in this order. */
  static final String[] DERIVED = {NETWORK_EVENTS};

  private static final Pattern REQUIRES = Pattern.compile("(?m)^-- requires: (.*)$");

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

  /** The files a file says it requires (its {@code -- requires:} line; none without one). */
  public static List<String> requires(String name) {
    Matcher line = REQUIRES.matcher(read(name));
    List<String> files = new ArrayList<>();
    if (line.find()) {
      Arrays.stream(line.group(1).split(",")).map(String::trim).forEach(files::add);
    }
    return files;
  }
}
