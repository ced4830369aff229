package dev.wasitrace.bench;

import dev.wasitrace.recorder.ProcessRunner;
import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.registry.Registry;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/** One guest run, either through wasitrace (recorded) or on stock Endive (unrecorded). */
final class GuestRun {
  private GuestRun() {}

  /** Stock Endive: its own WASI host functions, nothing recorded. */
  static void unrecorded(Path module, List<String> args, boolean interpreter) throws IOException {
    WasmModule parsed = Parser.parse(Files.readAllBytes(module));
    try (OutputStream devNull = new FileOutputStream("/dev/null");
        WasiPreview1 wasi =
            WasiPreview1.builder()
                .withOptions(
                    WasiOptions.builder()
                        .withArguments(prepend(module.toString(), args))
                        .withStdin(InputStream.nullInputStream())
                        .withStdout(devNull)
                        .withStderr(devNull)
                        .build())
                .build()) {
      Instance.Builder builder =
          Instance.builder(parsed)
              .withStart(false)
              .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build());
      if (!interpreter) {
        builder.withMachineFactory(MachineFactoryCompiler::compile);
      }
      try {
        builder.build().export("_start").apply();
      } catch (WasiExitException e) {
        // the guest's exit
      }
    }
  }

  /** Through wasitrace's runner: module stored, every call logged. Returns the process ID. */
  static String recorded(Registry registry, Path module, List<String> args, boolean interpreter)
      throws IOException {
    try (OutputStream devNull = new FileOutputStream("/dev/null")) {
      RunOptions options =
          RunOptions.builder(module)
              .args(args)
              .engine(interpreter ? RunOptions.Engine.INTERPRETER : RunOptions.Engine.COMPILER)
              .stdio(InputStream.nullInputStream(), devNull, devNull)
              .build();
      return new ProcessRunner(registry).run(options).processId();
    }
  }

  private static List<String> prepend(String first, List<String> rest) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
