package dev.wasitrace.recorder;

import java.io.ByteArrayInputStream;
import java.util.List;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.CodeSection;
import run.endive.wasm.types.CustomSection;
import run.endive.wasm.types.DataCountSection;
import run.endive.wasm.types.DataSection;
import run.endive.wasm.types.ElementSection;
import run.endive.wasm.types.ExportSection;
import run.endive.wasm.types.FunctionBody;
import run.endive.wasm.types.FunctionSection;
import run.endive.wasm.types.GlobalSection;
import run.endive.wasm.types.ImportSection;
import run.endive.wasm.types.MemorySection;
import run.endive.wasm.types.SectionId;
import run.endive.wasm.types.StartSection;
import run.endive.wasm.types.TableSection;
import run.endive.wasm.types.TagSection;
import run.endive.wasm.types.TypeSection;

/**
 * A module parsed without its function bodies, for when its compiled code comes from the cache:
 * decoding and validating every instruction is most of the start-up of a large module (SQLite's
 * shell: about 1.5 s of 1.6), and compiled code never reads them. Each body is an empty
 * placeholder, so the module must not be interpreted or compiled; the bytes it was parsed from were
 * validated when their code was compiled. Endive's own {@code Parser} can only skip a section, and
 * keeps the step that turns sections into a module private, hence the copy of that step below
 * (docs/upstream/endive-parse-without-code.md asks for an option instead).
 */
public final class ModuleWithoutCode {
  private static final FunctionBody PLACEHOLDER = new FunctionBody(List.of(), List.of());

  private ModuleWithoutCode() {}

  /** The module but its function bodies; {@code digest} as Endive's compiler keys it. */
  public static WasmModule parse(byte[] bytes, String digest) {
    Parser.Builder parser = Parser.builder().withValidation(false);
    for (int id = SectionId.CUSTOM; id <= SectionId.TAG; id++) {
      if (id != SectionId.CODE) {
        parser.includeSectionId(id);
      }
    }
    WasmModule.Builder module = WasmModule.builder().withValidation(false).withDigest(digest);
    int[] functions = {0};
    parser
        .build()
        .parse(
            new ByteArrayInputStream(bytes),
            section -> {
              switch (section.sectionId()) {
                case SectionId.CUSTOM -> {
                  CustomSection custom = (CustomSection) section;
                  module.addCustomSection(custom.name(), custom);
                }
                case SectionId.TYPE -> module.setTypeSection((TypeSection) section);
                case SectionId.IMPORT -> module.setImportSection((ImportSection) section);
                case SectionId.FUNCTION -> {
                  module.setFunctionSection((FunctionSection) section);
                  functions[0] = ((FunctionSection) section).functionCount();
                }
                case SectionId.TABLE -> module.setTableSection((TableSection) section);
                case SectionId.MEMORY -> module.setMemorySection((MemorySection) section);
                case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) section);
                case SectionId.EXPORT -> module.setExportSection((ExportSection) section);
                case SectionId.START -> module.setStartSection((StartSection) section);
                case SectionId.ELEMENT -> module.setElementSection((ElementSection) section);
                case SectionId.DATA -> module.setDataSection((DataSection) section);
                case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) section);
                case SectionId.TAG -> module.setTagSection((TagSection) section);
                default -> module.addIgnoredSection(section.sectionId());
              }
            });
    CodeSection.Builder code = CodeSection.builder();
    for (int i = 0; i < functions[0]; i++) {
      code.addFunctionBody(PLACEHOLDER);
    }
    return module.setCodeSection(code.build()).build();
  }
}
