package dev.wasitrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each SQL file says which files it needs, and says it right. */
class SqlFilesTest {
  /** Made by wasitrace itself, not by a file: errnos (AnalysisSession, from Errno). */
  private static final Set<String> MADE_IN_JAVA = Set.of("errnos");

  private static final Pattern READS =
      Pattern.compile("(?i)\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)\\b(\\s*\\()?");
  private static final Pattern CREATES =
      Pattern.compile(
          "(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(?:table|view)\\s+(?:if\\s+not\\s+exists\\s+)?"
              + "([a-z_][a-z0-9_]*)");
  private static final Pattern NAMED_QUERY =
      Pattern.compile("(?i)\\b([a-z_][a-z0-9_]*)\\s+as\\s*\\(");

  /** The SQL without comments and string literals. */
  private static String code(String file) {
    return SqlFiles.read(file).replaceAll("--[^\\n]*", " ").replaceAll("'[^']*'", "''");
  }

  private static Set<String> all(Pattern pattern, String code) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = pattern.matcher(code);
    while (m.find()) {
      if (m.groupCount() < 2 || m.group(2) == null) { // a name followed by ( is a function
        names.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return names;
  }

  /** What a file and everything it requires, transitively, create. */
  private static Set<String> available(String file) {
    Set<String> tables = new HashSet<>(all(CREATES, code(file)));
    for (String required : SqlFiles.requires(file)) {
      tables.addAll(available(required));
    }
    return tables;
  }

  @Test
  void everyTableAFileReadsIsMadeThereOrInWhatItRequires() {
    Set<String> everyTable = new HashSet<>(MADE_IN_JAVA);
    for (String file : SqlFiles.ALL) {
      everyTable.addAll(all(CREATES, code(file)));
    }
    for (String file : SqlFiles.ALL) {
      Set<String> reads = all(READS, code(file));
      reads.removeAll(all(NAMED_QUERY, code(file)));
      reads.retainAll(everyTable); // (aliases, LATERAL and the like)
      reads.removeAll(MADE_IN_JAVA);
      Set<String> missing = new HashSet<>(reads);
      missing.removeAll(available(file));
      assertEquals(Set.of(), missing, file + " reads tables it does not require");
    }
  }

  @Test
  void everyFileComesAfterWhatItRequires() {
    for (int i = 0; i < SqlFiles.ALL.size(); i++) {
      String file = SqlFiles.ALL.get(i);
      for (String required : SqlFiles.requires(file)) {
        int at = SqlFiles.ALL.indexOf(required);
        assertTrue(at >= 0 && at < i, file + " requires " + required);
      }
    }
    assertEquals(Set.of("tables.sql"), Set.copyOf(SqlFiles.requires(SqlFiles.NETWORK_EVENTS)));
  }
}
