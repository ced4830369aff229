package dev.wasitrace.exporters.parquet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one export wrote: rows and files per table, in the order of {@link ExportedTable#ALL}. */
public record ParquetExport(
    Path dir, WriteMode mode, Map<String, Long> rows, Map<String, Long> files) {
  public ParquetExport {
    rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The processes written: the rows of {@code processes}. */
  public long processes() {
    return rows.getOrDefault("processes", 0L);
  }

  /** Rows written in all tables. */
  public long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
