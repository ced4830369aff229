package dev.wasitrace.exporters.codetracer;

/**
 * CodeTracer's {@code EventLogKind} numbers (FORMAT.md §1.5, stable since runtime_tracing 0.12.2),
 * for the kinds wasitrace writes. Only {@code WRITE} reaches CodeTracer's terminal pane; the UI
 * shows {@code WRITE_FILE}/{@code READ_FILE} metadata as a file name.
 */
enum EventKind {
  WRITE(0),
  WRITE_FILE(1),
  WRITE_OTHER(2),
  READ(3),
  READ_FILE(4),
  READ_DIR(6),
  SOCKET(9),
  OPEN(10),
  ERROR(11);

  private final int number;

  EventKind(int number) {
    this.number = number;
  }

  int number() {
    return number;
  }
}
