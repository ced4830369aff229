package dev.wasitrace.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.wasi.WasiParam.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiPreview1;

/** The one declaration of the WASI functions, checked against the runtime and against itself. */
class WasiFunctionTest {
  @Test
  void signaturesAreTheRuntimesOwn() {
    int compared = 0;
    try (WasiPreview1 wasi = WasiPreview1.builder().build()) {
      for (HostFunction host : wasi.toHostFunctions()) {
        WasiFunction function = WasiFunction.byName(host.name());
        if (function == null) {
          continue; // provided by the runtime, refused by wasitrace's import check
        }
        assertEquals(host.paramTypes(), function.type().params(), host.name());
        assertEquals(host.returnTypes(), function.type().returns(), host.name());
        compared++;
      }
    }
    assertTrue(compared >= 45, compared + " functions compared");
  }

  @Test
  void everyPointerToBytesHasItsLengthNext() {
    Set<Role> sized =
        EnumSet.of(Role.PATH, Role.PATH2, Role.STRING, Role.IOVS_IN, Role.IOVS_OUT, Role.DATA_OUT);
    for (WasiFunction function : WasiFunction.values()) {
      List<WasiParam> params = function.params();
      for (int i = 0; i < params.size(); i++) {
        if (sized.contains(params.get(i).role())) {
          assertTrue(
              i + 1 < params.size() && params.get(i + 1).role() == Role.LENGTH,
              function + "." + params.get(i).name());
        }
      }
    }
  }

  @Test
  void aCallHasAtMostOneOfEachDecodedPart() {
    Set<Role> single =
        EnumSet.of(
            Role.PATH,
            Role.PATH2,
            Role.IOVS_IN,
            Role.IOVS_OUT,
            Role.DATA_OUT,
            Role.RESULT,
            Role.RESULT64);
    for (WasiFunction function : WasiFunction.values()) {
      for (Role role : single) {
        long count = function.params().stream().filter(p -> p.role() == role).count();
        assertTrue(count <= 1, function + " has " + count + " " + role);
      }
      assertTrue(
          function.resultParam() < 0
              || function.params().stream()
                      .filter(p -> p.role() == Role.RESULT || p.role() == Role.RESULT64)
                      .count()
                  == 1,
          function.toString());
    }
  }

  /**
   * Logs leave out the writes of these calls and replay derives them again: a function may join
   * this list (old logs keep its writes), never leave it (old logs rely on replay deriving them).
   */
  @Test
  void theFunctionsWhoseOutputsReplayDerives() {
    Set<WasiFunction> derived =
        Arrays.stream(WasiFunction.values())
            .filter(WasiFunction::hasStandardOutputs)
            .collect(Collectors.toSet());
    assertEquals(
        EnumSet.of(
            WasiFunction.CLOCK_RES_GET,
            WasiFunction.CLOCK_TIME_GET,
            WasiFunction.FD_PREAD,
            WasiFunction.FD_PWRITE,
            WasiFunction.FD_READ,
            WasiFunction.FD_SEEK,
            WasiFunction.FD_TELL,
            WasiFunction.FD_WRITE,
            WasiFunction.PATH_OPEN,
            WasiFunction.RANDOM_GET,
            WasiFunction.SOCK_ACCEPT,
            WasiFunction.SOCK_SEND,
            WasiFunction.SOCK_OPEN,
            WasiFunction.SOCK_SEND_TO,
            WasiFunction.SOCK_ACCEPT_V1),
        derived);
  }
}
