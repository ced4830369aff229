package dev.wasitrace.recorder;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.registry.UserError;
import dev.wasitrace.wasi.WasiFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.objectweb.asm.MethodTooLargeException;
import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.wasi.WasiExitException;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.Import;

/**
 * A WASI command module, parsed and checked, and how it runs under Endive: its imports bound to a
 * {@link WasiHost}, the chosen engine, {@code _start}, and the exit or trap that ends it. {@code
 * run} and {@code replay} differ only in the host they hand in.
 */
public final class GuestInstance {
  /**
   * How {@code _start} ended: the exit code, what trapped (null for a normal exit), and where the
   * time went.
   */
  public record Exit(int exitCode, String trap, Phases phases) {
    public boolean trapped() {
      return trap != null;
    }
  }

  /**
   * Nanoseconds spent parsing, compiling (or loading the compiled code: {@code cached}),
   * instantiating and in the guest's {@code _start}.
   */
  public record Phases(long parse, long compile, boolean cached, long instantiate, long guest) {
    /** {@code parse 1.21 s, compile 0.30 s (cached), instantiate 0.05 s, guest 0.02 s}. */
    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "parse %.2f s, compile %.2f s%s, instantiate %.2f s, guest %.2f s",
          parse / 1e9,
          compile / 1e9,
          cached ? " (cached)" : "",
          instantiate / 1e9,
          guest / 1e9);
    }
  }

  private final byte[] bytes;
  private final Path source;
  private final CompiledModuleCache cache;
  // Parsed without function bodies (ModuleWithoutCode) until something needs them.
  private WasmModule module;
  private boolean withoutCode;
  private long parseNanos;
  private boolean fromCache;

  private GuestInstance(
      byte[] bytes,
      Path source,
      CompiledModuleCache cache,
      WasmModule module,
      boolean withoutCode,
      long parseNanos) {
    this.bytes = bytes;
    this.source = source;
    this.cache = cache;
    this.module = module;
    this.withoutCode = withoutCode;
    this.parseNanos = parseNanos;
  }

  /**
   * Parses a module and checks that it is a WASI command wasitrace can run; {@code source} names it
   * in the errors, which are {@link UserError}s. {@code cache} keeps the compiler's output between
   * runs (null: compile every time); when it holds the code of every function, the function bodies
   * are not even decoded.
   */
  public static GuestInstance load(byte[] bytes, Path source, CompiledModuleCache cache) {
    long start = System.nanoTime();
    boolean withoutCode = cache != null && cache.compiledWhole();
    WasmModule module =
        withoutCode
            ? ModuleWithoutCode.parse(bytes, "sha256:" + cache.moduleDigest())
            : parse(bytes, source);
    long parseNanos = System.nanoTime() - start;
    checkImports(module, source);
    if (!exportsStart(module)) {
      throw new UserError(source + " has no _start export: it is not a WASI command module");
    }
    return new GuestInstance(bytes, source, cache, module, withoutCode, parseNanos);
  }

  /** Decodes the function bodies after all (the compiled code did not load, or the interpreter). */
  private void parseCode() {
    long start = System.nanoTime();
    module = parse(bytes, source);
    withoutCode = false;
    parseNanos += System.nanoTime() - start;
  }

  /**
   * Instantiates the module with the host's functions and runs {@code _start}. A trap (or an
   * exhausted call stack) ends it with exit code 1; a memory larger than Endive or the heap holds
   * is a {@link UserError}; other exceptions from the host pass through.
   */
  public Exit run(WasiHost host, RunOptions.Engine engine) {
    requireNonNull(host);
    GuestMemory.check(module, source);
    long start = System.nanoTime();
    long parsedBefore = parseNanos;
    fromCache = false;
    Function<Instance, Machine> compiled = null;
    try {
      if (engine == RunOptions.Engine.COMPILER) {
        compiled = compile();
      } else if (withoutCode) {
        parseCode();
      }
    } catch (WasmEngineException e) {
      long now = System.nanoTime();
      return new Exit(1, messageOf(e), phases(start, now, now, parsedBefore));
    }
    Instance.Builder builder =
        Instance.builder(module)
            .withStart(false) // _start is called below, where its exit is handled
            .withImportValues(
                ImportValues.builder()
                    .addFunction(HostFunctions.of(host, module).toArray(HostFunction[]::new))
                    .build());
    if (compiled != null) {
      builder.withMachineFactory(compiled);
    }
    long compiledAt = System.nanoTime();
    long instantiated = compiledAt;
    Instance instance = null;
    try {
      instance = builder.build();
      instantiated = System.nanoTime();
      instance.export("_start").apply();
      return new Exit(0, null, phases(start, compiledAt, instantiated, parsedBefore));
    } catch (WasiExitException e) {
      return new Exit(e.exitCode(), null, phases(start, compiledAt, instantiated, parsedBefore));
    } catch (WasmEngineException e) {
      return new Exit(1, messageOf(e), phases(start, compiledAt, instantiated, parsedBefore));
    } catch (StackOverflowError e) {
      return new Exit(
          1, "call stack exhausted", phases(start, compiledAt, instantiated, parsedBefore));
    } catch (OutOfMemoryError e) {
      // Allocating the memory at start, or growing it as the guest ran. Dropping the instance
      // makes its memory garbage, so that the error below can be made at all.
      boolean started = instance != null;
      instance = null;
      throw started ? GuestMemory.heapExhausted() : GuestMemory.heapTooSmall(module, source);
    }
  }

  private Phases phases(long start, long compiled, long instantiated, long parsedBefore) {
    long end = System.nanoTime();
    instantiated = Math.max(instantiated, compiled);
    long compiling = compiled - start - (parseNanos - parsedBefore);
    return new Phases(
        parseNanos, compiling, fromCache, instantiated - compiled, end - instantiated);
  }

  /**
   * The compiled code: from the cache when it has it; else compiled (and stored), every function if
   * the JVM takes them, the ones too large for a Java method left to the interpreter otherwise.
   */
  private Function<Instance, Machine> compile() {
    if (cache == null) {
      return MachineFactoryCompiler.builder(module)
          .withInterpreterFallback(InterpreterFallback.SILENT)
          .compile();
    }
    if (cache.get(null) != null) {
      try {
        Function<Instance, Machine> compiled =
            MachineFactoryCompiler.builder(module).withCache(cache).compile();
        fromCache = true;
        return compiled;
      } catch (RuntimeException | LinkageError e) {
        // An entry that passed the cache's checks and still did not load.
        cache.discard("cannot be loaded (" + messageOf(e) + ")");
      }
    }
    if (withoutCode) {
      parseCode();
    }
    try {
      return MachineFactoryCompiler.builder(module)
          .withCache(cache)
          .withInterpreterFallback(InterpreterFallback.FAIL)
          .compile();
    } catch (WasmEngineException e) {
      if (!(e.getCause() instanceof MethodTooLargeException)) {
        throw e;
      }
    }
    cache.someFunctionsInterpreted();
    return MachineFactoryCompiler.builder(module)
        .withCache(cache)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .compile();
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
    } catch (WasmEngineException | IllegalArgumentException | IndexOutOfBoundsException e) {
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
