package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.wasi.WasiFunction;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import run.endive.wasm.Parser;
import run.endive.wasm.types.Export;
import run.endive.wasm.types.ExportSection;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionSection;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ImportSection;
import run.endive.wasm.types.NameCustomSection;
import run.endive.wasm.types.Section;
import run.endive.wasm.types.SectionId;
import run.endive.wasm.types.TypeSection;
import run.endive.wasm.types.ValType;

/**
 * The source file a trace steps through. No source code is recorded, so wasitrace writes an outline
 * of the module in C declaration syntax: one line per imported WASI function (a step on that line
 * is a host call) and one per function the module defines, named from its name section. C syntax
 * because CodeTracer picks its C/C++ (wasm) support for a {@code .wasm} program with {@code .c}
 * sources, which is the support that replays from this kind of trace.
 */
final class ModuleOutline {
  /** The entry point every WASI command exports. */
  static final String ENTRY_EXPORT = "_start";

  /** A function the module defines: its display name and its line. */
  record DefinedFunction(String name, int line) {}

  private final List<String> lines = new ArrayList<>();
  private final Map<String, Integer> importLines = new HashMap<>();
  private final List<DefinedFunction> named = new ArrayList<>();
  private int importsLine;
  private DefinedFunction entry;

  private ModuleOutline() {}

  /**
   * The outline of the module; if its bytes cannot be parsed, an outline of the WASI functions
   * alone, so the trace is still complete.
   */
  static ModuleOutline of(byte[] module, String moduleName, String header) {
    ModuleOutline outline = new ModuleOutline();
    outline.header(moduleName, header);
    Sections sections = module == null ? null : Sections.parse(module);
    if (sections != null) {
      outline.module(sections);
    } else {
      outline.wasiOnly();
    }
    return outline;
  }

  private void header(String moduleName, String header) {
    add("// " + clean(moduleName) + ": an outline of the WebAssembly module, by wasitrace.");
    add("// No source code was recorded. One line per import and per function of the module,");
    add("// named from its name section. A step on a WASI import's line is a host call:");
    add("// CodeTracer's call tree shows its decoded arguments and its result.");
    for (String line : header.split("\n", -1)) {
      add("// " + clean(line));
    }
    add("");
  }

  /** The sections the outline needs; the code is not even decoded. */
  private static final class Sections {
    TypeSection types;
    ImportSection imports = ImportSection.builder().build();
    FunctionSection functions = FunctionSection.builder().build();
    ExportSection exports = ExportSection.builder().build();
    NameCustomSection names;

    /** The module's sections, or null if it cannot be parsed. */
    static Sections parse(byte[] module) {
      Sections sections = new Sections();
      try {
        Parser.builder()
            .includeSectionId(SectionId.CUSTOM)
            .includeSectionId(SectionId.TYPE)
            .includeSectionId(SectionId.IMPORT)
            .includeSectionId(SectionId.FUNCTION)
            .includeSectionId(SectionId.EXPORT)
            .build()
            .parse(new ByteArrayInputStream(module), sections::add);
      } catch (RuntimeException e) {
        return null; // a module that ran always parses; the outline is complete without it
      }
      return sections.types != null || sections.imports.importCount() == 0 ? sections : null;
    }

    private void add(Section section) {
      if (section instanceof TypeSection s) {
        types = s;
      } else if (section instanceof ImportSection s) {
        imports = s;
      } else if (section instanceof FunctionSection s) {
        functions = s;
      } else if (section instanceof ExportSection s) {
        exports = s;
      } else if (section instanceof NameCustomSection s) {
        names = s;
      }
    }
  }

  private void module(Sections module) {
    NameCustomSection names = module.names;
    add("// imports");
    importsLine = lines.size();
    int functionIndex = 0;
    for (int i = 0; i < module.imports.importCount(); i++) {
      if (module.imports.getImport(i) instanceof FunctionImport function) {
        FunctionType type = module.types.getType(function.typeIndex());
        WasiFunction wasi =
            WasiFunction.MODULE.equals(function.module())
                ? WasiFunction.matching(function.name(), type)
                : null;
        List<String> params = wasi != null ? wasi.paramNames() : List.of();
        add(
            declaration(function.name(), type, params)
                + " // import "
                + clean(function.module())
                + "."
                + clean(function.name()));
        if (wasi != null) {
          importLines.putIfAbsent(wasi.logName(), lines.size());
        }
        functionIndex++;
      }
    }
    Map<Integer, List<String>> exports = new HashMap<>();
    for (int i = 0; i < module.exports.exportCount(); i++) {
      Export export = module.exports.getExport(i);
      if (export.exportType() == ExternalType.FUNCTION) {
        exports.computeIfAbsent(export.index(), k -> new ArrayList<>()).add(export.name());
      }
    }
    add("");
    add("// functions");
    int defined = module.functions.functionCount();
    for (int i = 0; i < defined; i++) {
      int index = functionIndex + i;
      String name = names == null ? null : names.nameOfFunction(index);
      List<String> exported = exports.getOrDefault(index, List.of());
      String shown = name != null ? name : !exported.isEmpty() ? exported.get(0) : "func_" + index;
      FunctionType type = module.functions.getFunctionType(i, module.types);
      StringBuilder line =
          new StringBuilder(declaration(shown, type, localNames(names, index, type)));
      line.append(" // func ").append(index);
      for (String export : exported) {
        line.append(", export \"").append(clean(export)).append('"');
      }
      add(line.toString());
      DefinedFunction function = new DefinedFunction(clean(shown), lines.size());
      if (name != null) {
        named.add(function);
      }
      if (exported.contains(ENTRY_EXPORT) && entry == null) {
        entry = function;
      }
    }
    if (entry == null) {
      entry = new DefinedFunction(ENTRY_EXPORT, importsLine);
    }
  }

  /** Without the module: every WASI function wasitrace provides, and a nominal entry point. */
  private void wasiOnly() {
    add("// the module could not be read: the WASI functions wasitrace provides");
    importsLine = lines.size();
    for (WasiFunction wasi : WasiFunction.values()) {
      add(declaration(wasi.wasiName(), wasi.type(), wasi.paramNames()));
      importLines.putIfAbsent(wasi.logName(), lines.size());
    }
    add("void " + ENTRY_EXPORT + "(void);");
    entry = new DefinedFunction(ENTRY_EXPORT, lines.size());
  }

  private static List<String> localNames(NameCustomSection names, int index, FunctionType type) {
    List<String> params = new ArrayList<>();
    for (int p = 0; p < type.params().size(); p++) {
      String local = names == null ? null : names.nameOfLocal(index, p);
      params.add(local != null ? clean(local) : "p" + p);
    }
    return params;
  }

  private static String declaration(String name, FunctionType type, List<String> paramNames) {
    StringBuilder out = new StringBuilder();
    List<ValType> returns = type.returns();
    out.append(returns.isEmpty() ? "void" : returns.size() == 1 ? cType(returns.get(0)) : "tuple");
    out.append(' ').append(clean(name)).append('(');
    List<ValType> params = type.params();
    if (params.isEmpty()) {
      out.append("void");
    }
    for (int i = 0; i < params.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(cType(params.get(i))).append(' ');
      out.append(i < paramNames.size() ? paramNames.get(i) : "p" + i);
    }
    return out.append(");").toString();
  }

  private static String cType(ValType type) {
    if (type.equals(ValType.I32)) {
      return "int32_t";
    }
    if (type.equals(ValType.I64)) {
      return "int64_t";
    }
    if (type.equals(ValType.F32)) {
      return "float";
    }
    if (type.equals(ValType.F64)) {
      return "double";
    }
    if (type.equals(ValType.V128)) {
      return "v128_t";
    }
    return "ref_t";
  }

  /** One line of text: names may hold anything, a line break would shift every line number. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
    return out.toString();
  }

  private void add(String line) {
    lines.add(line);
  }

  /** The file's text. */
  String text() {
    return String.join("\n", lines) + "\n";
  }

  /** The line of a WASI function's import (by its log name), or of the imports' heading. */
  int lineOf(WasiFunction function) {
    return importLines.getOrDefault(function.logName(), importsLine);
  }

  /** The line of the imports' heading, for functions the outline does not list. */
  int importsLine() {
    return importsLine;
  }

  /** The exported {@code _start}. */
  DefinedFunction entry() {
    return entry;
  }

  /** The defined functions the name section names, in index order. */
  List<DefinedFunction> namedFunctions() {
    return List.copyOf(named);
  }
}
