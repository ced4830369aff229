package dev.wasitrace.recorder;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasitrace.registry.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A WASI command module, parsed and checked, and how it runs under Chicory: its imports bound to a
 * {@link WasiHost}, the chosen engine, {@code _start}, and the exit or trap that ends it. {@code
 * run} and {@code replay} differ only in the host they hand in.
 */
public final class GuestInstance {
  /** How {@code _start} ended: the exit code, and what trapped (null for a normal exit). */
  public record Exit(int exitCode, String trap) {
    public boolean trapped() {
      return trap != null;
    }
  }

  private final WasmModule module;

  private GuestInstance(WasmModule module) {
    this.module = module;
  }

  /**
   * Parses a module and checks that it is a WASI command wasitrace can run; {@code source} names it
   * in the errors, which are {@link UserError}s.
   */
  public static GuestInstance load(byte[] bytes, Path source) {
    WasmModule module = parse(bytes, source);
    checkImports(module, source);
    if (!exportsStart(module)) {
      throw new UserError(source + " has no _start export: it is not a WASI command module");
    }
    return new GuestInstance(module);
  }

  public WasmModule module() {
    return module;
  }

  /**
   * Instantiates the module with the host's functions and runs {@code _start}. A trap (or an
   * exhausted call stack) ends it with exit code 1; other exceptions from the host pass through.
   */
  public Exit run(WasiHost host, RunOptions.Engine engine) {
    requireNonNull(host);
    Instance.Builder builder =
        Instance.builder(module)
            .withStart(false) // _start is called below, where its exit is handled
            .withImportValues(
                ImportValues.builder()
                    .addFunction(HostFunctions.of(host, module).toArray(HostFunction[]::new))
                    .build());
    if (engine == RunOptions.Engine.COMPILER) {
      builder.withMachineFactory(MachineFactoryCompiler::compile);
    }
    try {
      Instance instance = builder.build();
      instance.export("_start").apply();
      return new Exit(0, null);
    } catch (WasiExitException e) {
      return new Exit(e.exitCode(), null);
    } catch (ChicoryException e) {
      return new Exit(1, messageOf(e));
    } catch (StackOverflowError e) {
      return new Exit(1, "call stack exhausted");
    }
  }

  private static WasmModule parse(byte[] bytes, Path path) {
    if (bytes.length < 8
        || bytes[0] != 0
        || bytes[1] != 'a'
        || bytes[2] != 's'
        || bytes[3] != 'm') {
      throw new UserError(path + " is not a WebAssembly module (no \\0asm header)");
    }
    try {
      return Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new UserError(path + " is not a valid WebAssembly module: " + messageOf(e));
    }
  }

  private static void checkImports(WasmModule module, Path path) {
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      boolean known =
          imported instanceof FunctionImport function
              && WasiFunction.MODULE.equals(imported.module())
              && WasiFunction.matching(
                      imported.name(), module.typeSection().getType(function.typeIndex()))
                  != null;
      if (!known) {
        unknown.add(imported.module() + "." + imported.name());
      }
    }
    if (!unknown.isEmpty()) {
      throw new UserError(
          path
              + " imports "
              + String.join(", ", unknown)
              + ", which wasitrace does not provide (it provides WASI preview1 functions of "
              + WasiFunction.MODULE
              + ")");
    }
  }

  private static boolean exportsStart(WasmModule module) {
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      if (module.exportSection().getExport(i).name().equals("_start")) {
        return true;
      }
    }
    return false;
  }

  private static String messageOf(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
