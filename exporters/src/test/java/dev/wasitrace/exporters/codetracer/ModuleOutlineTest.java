package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import dev.wasitrace.wasi.WasiFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleOutlineTest {
  private static ModuleOutline outline(String guest) throws IOException {
    return ModuleOutline.of(
        Files.readAllBytes(TestData.wasm(guest)), guest + ".wasm", "module sha256:x\nprocess p");
  }

  private static String line(ModuleOutline outline, int number) {
    return outline.text().split("\n", -1)[number - 1];
  }

  @Test
  void eachWasiImportHasALineWithItsParameterNames() throws IOException {
    ModuleOutline outline = outline("hello");
    String write = line(outline, outline.lineOf(WasiFunction.FD_WRITE));
    assertEquals(
        "int32_t fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);"
            + " // import wasi_snapshot_preview1.fd_write",
        write);
    assertTrue(
        line(outline, outline.lineOf(WasiFunction.PROC_EXIT)).startsWith("void proc_exit("),
        outline.text());
    assertNotEquals(outline.lineOf(WasiFunction.FD_WRITE), outline.lineOf(WasiFunction.PROC_EXIT));
  }

  @Test
  void functionsAreNamedFromTheNameSectionAndTheEntryIsTheStartExport() throws IOException {
    ModuleOutline outline = outline("hello");
    List<String> names =
        outline.namedFunctions().stream().map(ModuleOutline.DefinedFunction::name).toList();
    assertTrue(names.contains("main"), names.toString());
    assertTrue(names.contains("malloc"), names.toString());
    ModuleOutline.DefinedFunction entry = outline.entry();
    assertTrue(line(outline, entry.line()).contains("export \"_start\""), outline.text());
    assertTrue(line(outline, entry.line()).contains(" " + entry.name() + "("), outline.text());
    for (ModuleOutline.DefinedFunction function : outline.namedFunctions()) {
      assertTrue(
          line(outline, function.line()).contains(" " + function.name() + "("),
          function + " is not on its line");
    }
  }

  @Test
  void theHeaderSaysWhatTheFileIs() throws IOException {
    String text = outline("hello").text();
    assertTrue(text.startsWith("// hello.wasm: an outline of the WebAssembly module"), text);
    assertTrue(text.contains("// module sha256:x\n// process p\n"), text);
  }

  @Test
  void aModuleWithoutANameSectionNamesItsEntryByItsExport() throws IOException {
    ModuleOutline outline = outline("trap"); // built from wat: no name section
    assertEquals(List.of(), outline.namedFunctions());
    assertEquals("_start", outline.entry().name());
    assertTrue(
        line(outline, outline.entry().line()).startsWith("void _start(void);"), outline.text());
  }

  @Test
  void bytesThatAreNoModuleGiveAnOutlineOfTheWasiFunctions() {
    ModuleOutline outline = ModuleOutline.of(new byte[] {1, 2, 3}, "x.wasm", "h");
    assertTrue(outline.text().contains("could not be read"), outline.text());
    assertTrue(
        line(outline, outline.lineOf(WasiFunction.SOCK_SEND)).startsWith("int32_t sock_send("));
    assertEquals("_start", outline.entry().name());
    ModuleOutline none = ModuleOutline.of(null, "x.wasm", "h");
    assertEquals(outline.text(), none.text());
  }

  @Test
  void namesCannotBreakTheLineNumbering() {
    ModuleOutline outline = ModuleOutline.of(null, "evil\nname\u2028.wasm", "a\rb");
    String first = outline.text().split("\n")[0];
    assertTrue(first.startsWith("// evil?name?.wasm"), first);
    assertEquals(outline.lineOf(WasiFunction.ARGS_GET), lineNumberOf(outline, " args_get("));
  }

  private static int lineNumberOf(ModuleOutline outline, String text) {
    String[] lines = outline.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    return -1;
  }
}
