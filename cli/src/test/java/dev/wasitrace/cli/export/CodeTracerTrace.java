package dev.wasitrace.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported trace folder, read back for assertions: its calls with their function names and
 * arguments, its returns and events. Reading it checks the call/return balance: a Return never
 * closes more calls than were opened.
 */
final class CodeTracerTrace {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Call: its function's name and its arguments by parameter name. */
  record Call(String function, Map<String, JsonNode> args) {
    String text(String arg) {
      JsonNode value = args.get(arg);
      return value == null
          ? null
          : value.has("text") ? value.get("text").asText() : value.toString();
    }

    long number(String arg) {
      return args.get(arg).get("i").asLong();
    }
  }

  record Event(int kind, String metadata, String content) {
    JsonNode metadataJson() throws IOException {
      return JSON.readTree(metadata);
    }
  }

  final Path dir;
  final JsonNode metadata;
  final List<String> paths;
  final List<String> functions = new ArrayList<>();
  final List<Integer> functionLines = new ArrayList<>();
  final List<Call> calls = new ArrayList<>();
  final List<JsonNode> returns = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  final List<String> variants = new ArrayList<>();
  final int openAtEnd;

  private CodeTracerTrace(Path dir) throws IOException {
    this.dir = dir;
    this.metadata = JSON.readTree(dir.resolve("trace_metadata.json").toFile());
    List<String> pathList = new ArrayList<>();
    JSON.readTree(dir.resolve("trace_paths.json").toFile()).forEach(p -> pathList.add(p.asText()));
    this.paths = pathList;
    List<String> variables = new ArrayList<>();
    int depth = 0;
    for (JsonNode event : JSON.readTree(dir.resolve("trace.json").toFile())) {
      String variant = event.fieldNames().next();
      JsonNode payload = event.get(variant);
      variants.add(variant);
      switch (variant) {
        case "Function" -> {
          functions.add(payload.get("name").asText());
          functionLines.add(payload.get("line").asInt());
        }
        case "VariableName" -> variables.add(payload.asText());
        case "Call" -> {
          Map<String, JsonNode> args = new LinkedHashMap<>();
          for (JsonNode arg : payload.get("args")) {
            args.put(variables.get(arg.get("variable_id").asInt()), arg.get("value"));
          }
          calls.add(new Call(functions.get(payload.get("function_id").asInt()), args));
          depth++;
        }
        case "Return" -> {
          depth--;
          assertTrue(depth >= 0, "a Return without an open Call at event " + variants.size());
          returns.add(payload.get("return_value"));
        }
        case "Event" ->
            events.add(
                new Event(
                    payload.get("kind").asInt(),
                    payload.get("metadata").asText(),
                    payload.get("content").asText()));
        default -> {
          // Path, Type, Step: nothing to collect
        }
      }
    }
    this.openAtEnd = depth;
  }

  static CodeTracerTrace read(Path dir) throws IOException {
    return new CodeTracerTrace(dir);
  }

  /** The host calls: every call but {@code <toplevel>} and the module's entry point. */
  List<Call> hostCalls() {
    return calls.subList(2, calls.size());
  }

  List<Event> events(int kind) {
    return events.stream().filter(e -> e.kind() == kind).toList();
  }

  /** The contents of the events of one kind, joined. */
  String content(int kind) {
    StringBuilder out = new StringBuilder();
    events(kind).forEach(e -> out.append(e.content()));
    return out.toString();
  }

  /** The source file's copy under files/. */
  List<String> sourceLines() throws IOException {
    assertEquals(1, paths.size(), paths.toString());
    String path = paths.get(0);
    assertTrue(path.startsWith("/"), path);
    return Files.readAllLines(dir.resolve("files").resolve(path.substring(1)));
  }

  String lastVariant() {
    return variants.get(variants.size() - 1);
  }
}
