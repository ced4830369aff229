package dev.wasitrace.recorder;

import dev.wasitrace.wasi.WasiFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.endive.runtime.HostFunction;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.FunctionImport;

/**
 * Binds a {@link WasiHost} to Endive: one host function per WASI function name, in the variant
 * (WasmEdge v1 or v2 sockets) the module imports.
 */
public final class HostFunctions {
  private HostFunctions() {}

  /** Host functions for a module: where it imports a name, the variant with that signature. */
  public static List<HostFunction> of(WasiHost host, WasmModule module) {
    Map<String, WasiFunction> chosen = new LinkedHashMap<>();
    for (WasiFunction function : WasiFunction.values()) {
      chosen.putIfAbsent(function.wasiName(), function);
    }
    for (int i = 0; i < module.importSection().importCount(); i++) {
      if (module.importSection().getImport(i) instanceof FunctionImport imported
          && WasiFunction.MODULE.equals(imported.module())) {
        WasiFunction variant =
            WasiFunction.matching(
                imported.name(), module.typeSection().getType(imported.typeIndex()));
        if (variant != null) {
          chosen.put(imported.name(), variant);
        }
      }
    }
    return bind(host, chosen.values());
  }

  private static List<HostFunction> bind(WasiHost host, Iterable<WasiFunction> wanted) {
    List<HostFunction> functions = new ArrayList<>();
    for (WasiFunction function : wanted) {
      boolean returnsErrno = function != WasiFunction.PROC_EXIT;
      functions.add(
          new HostFunction(
              WasiFunction.MODULE,
              function.wasiName(),
              function.type(),
              (instance, args) -> {
                int errno = host.call(function, instance.memory(), args);
                return returnsErrno ? new long[] {errno} : null;
              }));
    }
    return functions;
  }
}
