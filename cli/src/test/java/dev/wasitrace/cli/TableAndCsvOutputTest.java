package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableAndCsvOutputTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void columnsAreAlignedWithTwoSpacesAndNoTrailingBlanks() {
    TableOutput.print(
        out,
        List.of("MODULE ID", "MODULE NAME", "SIZE"),
        List.of(List.of("9aa43ada4d63", "hello.wasm", "1.94 MiB"), List.of("1", "a", "72 B")));
    assertEquals(
        "MODULE ID     MODULE NAME  SIZE\n"
            + "9aa43ada4d63  hello.wasm   1.94 MiB\n"
            + "1             a            72 B\n",
        printed());
  }

  @Test
  void anEmptyTableIsItsHeader() {
    TableOutput.print(out, List.of("PROCESS ID", "START", "SIZE"), List.of());
    assertEquals("PROCESS ID  START  SIZE\n", printed());
  }

  @Test
  void csvQuotesWhatNeedsQuoting() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("name", "a,b");
    record.put("quote", "say \"hi\"");
    record.put("missing", null);
    record.put("size", 72L);
    CsvOutput.print(out, List.of("name", "quote", "missing", "size"), List.of(record));
    assertEquals("name,quote,missing,size\n\"a,b\",\"say \"\"hi\"\"\",,72\n", printed());
  }
}
