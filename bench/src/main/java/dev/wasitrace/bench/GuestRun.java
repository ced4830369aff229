package dev.wasitrace.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
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

/** One guest run, either through wasitrace (recorded) or on stock Chicory (unrecorded). */
final class GuestRun {
  private GuestRun() {}

  /** Stock Chicory: its own WASI host functions, nothing recorded. */
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
