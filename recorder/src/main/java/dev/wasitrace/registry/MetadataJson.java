package dev.wasitrace.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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
          string(json, "startTime", info.startTime());
          string(json, "endTime", info.endTime());
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
          string(json, "status", info.status());
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
    String id = null, startTime = null, endTime = null, moduleDigest = null, moduleName = null;
    String runtime = null, engine = null, status = null, error = null, checksum = null;
    List<String> args = null, env = null, dirs = null;
    Long hostPid = null, records = null;
    Integer exitCode = null;
    try (JsonParser json = FACTORY.createParser(bytes)) {
      expect(json, JsonToken.START_OBJECT, "the file");
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        switch (field) {
          case "id" -> id = string(json, field);
          case "startTime" -> startTime = string(json, field);
          case "endTime" -> endTime = string(json, field);
          case "moduleDigest" -> moduleDigest = string(json, field);
          case "moduleName" -> moduleName = string(json, field);
          case "args" -> args = strings(json, field);
          case "env" -> env = strings(json, field);
          case "dirs" -> dirs = strings(json, field);
          case "runtime" -> runtime = string(json, field);
          case "engine" -> engine = string(json, field);
          case "hostPid" -> hostPid = integer(json, field);
          case "status" -> status = string(json, field);
          case "exitCode" -> exitCode = Math.toIntExact(integer(json, field));
          case "error" -> error = string(json, field);
          case "records" -> records = integer(json, field);
          case "crc32c" -> checksum = string(json, field);
          default -> json.skipChildren();
        }
      }
      end(json);
    } catch (JsonParseException e) {
      throw new DamagedException(e.getOriginalMessage());
    } catch (ArithmeticException e) {
      throw new DamagedException("exitCode out of range");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // (reading a byte array)
    }
    ProcessInfo info =
        new ProcessInfo(
            id,
            startTime,
            endTime,
            moduleDigest,
            moduleName,
            args,
            env,
            dirs,
            runtime,
            engine,
            hostPid,
            status,
            exitCode,
            error,
            records);
    return new StoredProcess(info, checksum);
  }

  static byte[] module(ModuleInfo info) {
    return write(
        json -> {
          string(json, "digest", info.digest());
          string(json, "name", info.name());
          json.writeNumberField("size", info.size());
          string(json, "storedTime", info.storedTime());
        });
  }

  static ModuleInfo module(byte[] bytes) throws DamagedException {
    String digest = null, name = null, storedTime = null;
    long size = 0;
    try (JsonParser json = FACTORY.createParser(bytes)) {
      expect(json, JsonToken.START_OBJECT, "the file");
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        switch (field) {
          case "digest" -> digest = string(json, field);
          case "name" -> name = string(json, field);
          case "size" -> {
            Long value = integer(json, field);
            size = value == null ? 0 : value;
          }
          case "storedTime" -> storedTime = string(json, field);
          default -> json.skipChildren();
        }
      }
      end(json);
    } catch (JsonParseException e) {
      throw new DamagedException(e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModuleInfo(digest, name, size, storedTime);
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

  private static void expect(JsonParser json, JsonToken token, String what)
      throws IOException, DamagedException {
    if (json.nextToken() != token) {
      throw new DamagedException(what + " is not a JSON object");
    }
  }

  /** Nothing but white space may follow the object. */
  private static void end(JsonParser json) throws IOException, DamagedException {
    if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
      throw new DamagedException("unexpected content after the object");
    }
  }

  private static String string(JsonParser json, String field) throws IOException, DamagedException {
    return switch (json.currentToken()) {
      case VALUE_STRING -> json.getText();
      case VALUE_NULL -> null;
      default -> throw new DamagedException(field + " is not a string");
    };
  }

  private static Long integer(JsonParser json, String field) throws IOException, DamagedException {
    return switch (json.currentToken()) {
      case VALUE_NUMBER_INT -> {
        if (json.getNumberType() != JsonParser.NumberType.INT
            && json.getNumberType() != JsonParser.NumberType.LONG) {
          throw new DamagedException(field + " is out of range");
        }
        yield json.getLongValue();
      }
      case VALUE_NULL -> null;
      default -> throw new DamagedException(field + " is not an integer");
    };
  }

  private static List<String> strings(JsonParser json, String field)
      throws IOException, DamagedException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
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
