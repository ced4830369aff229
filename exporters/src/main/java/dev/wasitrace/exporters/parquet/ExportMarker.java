package dev.wasitrace.exporters.parquet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code _wasitrace.json} at the top of an export: what makes a folder an export that {@code
 * --overwrite} may replace and {@code --append} may add to, its schema version and layout (the
 * columns of each table, for writing Spark or Trino DDL), and one entry per export run. Spark,
 * Trino and Hive skip files whose names start with {@code _}.
 */
final class ExportMarker {
  static final String FILE = "_wasitrace.json";
  static final String FORMAT = "wasitrace-parquet";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode json;

  private ExportMarker(ObjectNode json) {
    this.json = json;
  }

  /** The marker of a new export of this layout, with no export runs yet. */
  static ExportMarker create(ParquetLayout layout) {
    ObjectNode json = JSON.createObjectNode();
    json.put("format", FORMAT);
    json.put("schema_version", ParquetLayout.SCHEMA_VERSION);
    json.set("tables", tables(layout));
    json.putArray("exports");
    return new ExportMarker(json);
  }

  /** The marker in {@code dir}, or null when it has none; one that is not ours is an error. */
  static ExportMarker read(Path dir) {
    Path file = dir.resolve(FILE);
    JsonNode json;
    try {
      json = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (JsonProcessingException e) {
      throw new UserError(file + " is not a wasitrace export marker: it is not JSON", e);
    } catch (IOException e) {
      throw new UserError(
          "cannot read " + file + ": " + dev.wasitrace.registry.Registry.describe(e), e);
    }
    if (!(json instanceof ObjectNode object) || !FORMAT.equals(json.path("format").asText())) {
      throw new UserError(file + " is not a wasitrace export marker");
    }
    return new ExportMarker(object);
  }

  int schemaVersion() {
    return json.path("schema_version").asInt(-1);
  }

  /** Whether files of this layout can go beside the ones this marker describes. */
  void checkAppendable(ParquetLayout layout, String dir) {
    if (schemaVersion() != ParquetLayout.SCHEMA_VERSION) {
      throw new UserError(
          dir
              + " holds an export of schema version "
              + schemaVersion()
              + ", this wasitrace writes version "
              + ParquetLayout.SCHEMA_VERSION
              + ": export to another folder, or replace it with --overwrite");
    }
    if (!tables(layout).equals(json.get("tables"))) {
      throw new UserError(
          dir
              + " holds tables with other columns than this wasitrace writes (schema version "
              + ParquetLayout.SCHEMA_VERSION
              + " both): export to another folder, or replace it with --overwrite");
    }
  }

  /** Notes one export run. */
  void addExport(ParquetExport export, Instant time) {
    ArrayNode exports =
        json.get("exports") instanceof ArrayNode array ? array : json.putArray("exports");
    ObjectNode entry = exports.addObject();
    entry.put("time", time.toString());
    entry.put("mode", export.mode().name().toLowerCase(java.util.Locale.ROOT));
    entry.put("wasitrace", dev.wasitrace.registry.WasitraceVersion.VERSION);
    ObjectNode rows = entry.putObject("rows");
    for (Map.Entry<String, Long> table : export.rows().entrySet()) {
      rows.put(table.getKey(), table.getValue());
    }
  }

  void write(Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(json) + "\n");
  }

  private static ArrayNode tables(ParquetLayout layout) {
    ArrayNode tables = JSON.createArrayNode();
    for (ParquetLayout.TableLayout table : layout.tables()) {
      ObjectNode node = tables.addObject();
      node.put("name", table.table().name());
      if (table.table().partitioned()) {
        node.put("partition_by", ParquetLayout.PARTITION_COLUMN);
        node.put("date_of", table.table().timeColumn());
      }
      ObjectNode columns = node.putObject("columns"); // in order: name -> DuckDB type
      for (ParquetLayout.WrittenColumn column : table.columns()) {
        columns.put(column.name(), column.type());
      }
    }
    return tables;
  }
}
