package dev.wasitrace.recorder;

import com.dylibso.chicory.runtime.HostFunction;
import java.util.ArrayList;
import java.util.List;

/** Binds a {@link WasiHost} to Chicory: one host function per WASI function. */
public final class HostFunctions {
  private HostFunctions() {}

  public static List<HostFunction> of(WasiHost host) {
    List<HostFunction> functions = new ArrayList<>();
    for (WasiFunction function : WasiFunction.values()) {
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
