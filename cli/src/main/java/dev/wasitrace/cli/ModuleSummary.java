package dev.wasitrace.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.Export;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.Import;
import run.endive.wasm.types.MemoryImport;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.ValType;

/** What a module needs and offers: its imports, exports and memories, read with Endive. */
record ModuleSummary(List<Entry> imports, List<Entry> exports, List<Memory> memories) {
  static final long PAGE_BYTES = 65_536;

  /**
   * An import ({@code module} set) or an export ({@code module} null), with its kind ({@code func},
   * {@code memory}, ...) and, for functions, its signature (else empty).
   */
  record Entry(String module, String name, String kind, String signature) {
    String qualifiedName() {
      return module == null ? name : module + "." + name;
    }

    String text() {
      String head = qualifiedName() + ": " + kind;
      return signature.isEmpty() ? head : head + " " + signature;
    }
  }

  /** A linear memory's limits in 64 KiB pages; {@code importedFrom} is null for its own. */
  record Memory(int initialPages, int maxPages, String importedFrom) {
    String text() {
      String limits = "initial " + pages(initialPages) + ", max " + pages(maxPages);
      return importedFrom == null ? limits : limits + ", imported from " + importedFrom;
    }

    private static String pages(int pages) {
      return pages + " pages (" + ByteSize.format(pages * PAGE_BYTES) + ")";
    }
  }

  static ModuleSummary of(WasmModule module) {
    List<Entry> imports = new ArrayList<>();
    List<Memory> memories = new ArrayList<>();
    // Imported functions come first in the function index space.
    List<Integer> importedFunctionTypes = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      String signature = "";
      if (imported instanceof FunctionImport function) {
        importedFunctionTypes.add(function.typeIndex());
        signature = signature(module.typeSection().getType(function.typeIndex()));
      } else if (imported instanceof MemoryImport memory) {
        memories.add(memory(memory.limits(), imported.module() + "." + imported.name()));
      }
      imports.add(
          new Entry(imported.module(), imported.name(), kind(imported.importType()), signature));
    }
    module
        .memorySection()
        .ifPresent(
            section -> {
              for (int i = 0; i < section.memoryCount(); i++) {
                memories.add(memory(section.getMemory(i).limits(), null));
              }
            });
    List<Entry> exports = new ArrayList<>();
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export export = module.exportSection().getExport(i);
      String signature = "";
      if (export.exportType() == ExternalType.FUNCTION) {
        int index = export.index();
        int typeIndex =
            index < importedFunctionTypes.size()
                ? importedFunctionTypes.get(index)
                : module.functionSection().getFunctionType(index - importedFunctionTypes.size());
        signature = signature(module.typeSection().getType(typeIndex));
      }
      exports.add(new Entry(null, export.name(), kind(export.exportType()), signature));
    }
    return new ModuleSummary(imports, exports, memories);
  }

  private static Memory memory(MemoryLimits limits, String importedFrom) {
    return new Memory(limits.initialPages(), limits.maximumPages(), importedFrom);
  }

  /** {@code (i32, i64) -> i32}; {@code ()} where there are no parameters or results. */
  static String signature(FunctionType type) {
    String params = "(" + names(type.params()) + ")";
    List<ValType> returns = type.returns();
    return params
        + " -> "
        + (returns.size() == 1 ? name(returns.get(0)) : "(" + names(returns) + ")");
  }

  private static String names(List<ValType> types) {
    return types.stream().map(ModuleSummary::name).collect(Collectors.joining(", "));
  }

  private static String name(ValType type) {
    if (type.equals(ValType.FuncRef)) {
      return "funcref";
    }
    if (type.equals(ValType.ExternRef)) {
      return "externref";
    }
    return type.toString().toLowerCase(Locale.ROOT);
  }

  private static String kind(ExternalType type) {
    return type == ExternalType.FUNCTION ? "func" : type.name().toLowerCase(Locale.ROOT);
  }
}
