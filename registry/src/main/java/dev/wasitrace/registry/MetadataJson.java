package dev.wasitrace.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's metadata files ({@code process.json}, a module's {@code .json}) in and out of
 * JSON, with Jackson's streaming API: a start-up of its own, where the object mapper's took a fifth
 * of {@code get process} and of a warm run. The text is what the object mapper wrote before
 * (pretty-printed, fields in declaration order, absent values left out), because a process's
 * checksum is a CRC32C of exactly that text.
 */
final class MetadataJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private MetadataJson() {}

  /** A metadata file that is not what it should be. */
  static final class DamagedException extends Exception {
    private static final long serialVersionUID = 1L;

    DamagedException(String message) {
      super(message);
    }
  }

  /** A process's metadata and the checksum written with it, {@code null} if none. */
  record StoredProcess(ProcessInfo info, String checksum) {}

  static byte[] process(ProcessInfo info, String checksum) {
    return write(
        json -> {
          string(json, "id", info.id());
          string(json, "startTime", text(info.startTime()));
          string(json, "endTime", text(info.endTime()));
          string(json, "moduleDigest", info.moduleDigest());
          string(json, "moduleName", info.moduleName());
          strings(json, "args", info.args());
          strings(json, "env", info.env());
          strings(json, "dirs", info.dirs());
          string(json, "runtime", info.runtime());
          string(json, "engine", info.engine());
          if (info.hostPid() != null) {
            json.writeNumberField("hostPid", info.hostPid());
          }
          string(json, "status", info.status() == null ? null : info.status().label());
          if (info.exitCode() != null) {
            json.writeNumberField("exitCode", info.exitCode());
          }
          string(json, "error", info.error());
          if (info.records() != null) {
            json.writeNumberField("records", info.records());
          }
          string(json, "crc32c", checksum);
        });
  }

  static StoredProcess process(byte[] bytes) throws DamagedException {
    Map<String, Object> v = read(bytes, PROCESS_FIELDS);
    Long exitCode = (Long) v.get("exitCode");
    if (exitCode != null && exitCode != exitCode.intValue()) {
      throw new DamagedException("exitCode is out of range");
    }
    ProcessInfo info =
        new ProcessInfo(
            (String) v.get("id"),
            (Instant) v.get("startTime"),
            (Instant) v.get("endTime"),
            (String) v.get("moduleDigest"),
            (String) v.get("moduleName"),
            strings(v.get("args")),
            strings(v.get("env")),
            strings(v.get("dirs")),
            (String) v.get("runtime"),
            (String) v.get("engine"),
            (Long) v.get("hostPid"),
            (ProcessInfo.Status) v.get("status"),
            exitCode == null ? null : exitCode.intValue(),
            (String) v.get("error"),
            (Long) v.get("records"));
    return new StoredProcess(info, (String) v.get("crc32c"));
  }

  static byte[] module(ModuleInfo info) {
    return write(
        json -> {
          string(json, "digest", info.digest());
          string(json, "name", info.name());
          json.writeNumberField("size", info.size());
          string(json, "storedTime", text(info.storedTime()));
        });
  }

  static ModuleInfo module(byte[] bytes) throws DamagedException {
    Map<String, Object> v = read(bytes, MODULE_FIELDS);
    Long size = (Long) v.get("size");
    return new ModuleInfo(
        (String) v.get("digest"),
        (String) v.get("name"),
        size == null ? 0 : size,
        (Instant) v.get("storedTime"));
  }

  // ---- writing

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // (writing to memory)
    }
    return bytes.toByteArray();
  }

  private static void string(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  private static void strings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    if (values != null) {
      json.writeArrayFieldStart(field);
      for (String value : values) {
        json.writeString(value);
      }
      json.writeEndArray();
    }
  }

  // ---- reading

  /** What a field holds; fields not listed are skipped. */
  private enum Kind {
    STRING,
    STRINGS,
    INTEGER,
    INSTANT,
    STATUS
  }

  private static final Map<String, Kind> PROCESS_FIELDS =
      Map.ofEntries(
          Map.entry("id", Kind.STRING),
          Map.entry("startTime", Kind.INSTANT),
          Map.entry("endTime", Kind.INSTANT),
          Map.entry("moduleDigest", Kind.STRING),
          Map.entry("moduleName", Kind.STRING),
          Map.entry("args", Kind.STRINGS),
          Map.entry("env", Kind.STRINGS),
          Map.entry("dirs", Kind.STRINGS),
          Map.entry("runtime", Kind.STRING),
          Map.entry("engine", Kind.STRING),
          Map.entry("hostPid", Kind.INTEGER),
          Map.entry("status", Kind.STATUS),
          Map.entry("exitCode", Kind.INTEGER),
          Map.entry("error", Kind.STRING),
          Map.entry("records", Kind.INTEGER),
          Map.entry("crc32c", Kind.STRING));

  private static final Map<String, Kind> MODULE_FIELDS =
      Map.of(
          "digest", Kind.STRING,
          "name", Kind.STRING,
          "size", Kind.INTEGER,
          "storedTime", Kind.INSTANT);

  /** The object's known fields (null values left out), or why the text is not such an object. */
  private static Map<String, Object> read(byte[] bytes, Map<String, Kind> kinds)
      throws DamagedException {
    Map<String, Object> values = new HashMap<>();
    try (JsonParser json = FACTORY.createParser(bytes)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new DamagedException("the file is not a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        Kind kind = kinds.get(field);
        if (kind == null) {
          json.skipChildren();
        } else if (json.currentToken() != JsonToken.VALUE_NULL) {
          values.put(field, value(json, field, kind));
        }
      }
      // Nothing but white space may follow the object.
      if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
        throw new DamagedException("unexpected content after the object");
      }
    } catch (JsonParseException e) {
      throw new DamagedException(e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // (reading a byte array)
    }
    return values;
  }

  private static Object value(JsonParser json, String field, Kind kind)
      throws IOException, DamagedException {
    switch (kind) {
      case STRING -> {
        return text(json, field);
      }
      case INSTANT -> {
        try {
          return Instant.parse(text(json, field));
        } catch (DateTimeParseException e) {
          throw new DamagedException(field + " is not a time");
        }
      }
      case STATUS -> {
        ProcessInfo.Status status = ProcessInfo.Status.of(text(json, field));
        if (status == null) {
          throw new DamagedException(field + " is not a status");
        }
        return status;
      }
      case INTEGER -> {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT
            || (json.getNumberType() != JsonParser.NumberType.INT
                && json.getNumberType() != JsonParser.NumberType.LONG)) {
          throw new DamagedException(field + " is not an integer in range");
        }
        return json.getLongValue();
      }
      default -> {
        if (json.currentToken() != JsonToken.START_ARRAY) {
          throw new DamagedException(field + " is not a list");
        }
        List<String> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
          if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw new DamagedException(field + " holds something other than strings");
          }
          values.add(json.getText());
        }
        return values;
      }
    }
  }

  private static String text(JsonParser json, String field) throws IOException, DamagedException {
    if (json.currentToken() != JsonToken.VALUE_STRING) {
      throw new DamagedException(field + " is not a string");
    }
    return json.getText();
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return (List<String>) value;
  }
}
