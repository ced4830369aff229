package dev.wasitrace.bench.corruption;

import java.util.List;

/**
 * The lines a {@link MutationChild} prints for its {@link CorruptionHarness}, and the layout of the
 * work folder they share. A line is {@code @@}, a tag and fields, separated by tabs; anything else
 * on the child's stdout (the JVM's own report of a native crash) is not the protocol's.
 *
 * <ul>
 *   <li>{@code M index kind reference description}: mutation {@code index} is applied.
 *   <li>{@code C index command}: the command starts on it.
 *   <li>{@code O index command outcome millis detail}: it ended so.
 *   <li>{@code D index}: every command ran on it.
 *   <li>{@code F message}: the harness itself failed (not the command under test).
 * </ul>
 */
final class Protocol {
  static final String MUTATION = "M";
  static final String COMMAND = "C";
  static final String OUTCOME = "O";
  static final String DONE = "D";
  static final String FATAL = "F";

  /** The registry the references are recorded in, in the work folder. */
  static final String CLEAN_HOME = "clean-home";

  /**
   * Its copy, whose process directories are damaged one mutation at a time. (No name in the work
   * folder holds a word of {@link Outcome#DAMAGE_WORDS}: paths show in the commands' output.)
   */
  static final String DAMAGED_HOME = "mutated-home";

  private static final String MARK = "@@";

  private Protocol() {}

  static String line(String tag, String... fields) {
    StringBuilder line = new StringBuilder(MARK).append('\t').append(tag);
    for (String field : fields) {
      line.append('\t').append(escape(field));
    }
    return line.toString();
  }

  /** The tag and fields of a protocol line, or null for any other line. */
  static List<String> parse(String line) {
    if (!line.startsWith(MARK + "\t")) {
      return null;
    }
    return List.of(line.substring(MARK.length() + 1).split("\t", -1));
  }

  /** One field on one line: tabs and line ends shown, long text cut. */
  private static String escape(String field) {
    String flat = field.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
  }
}
