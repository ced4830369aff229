package dev.wasitrace.recorder.trace;

import static dev.wasitrace.wasi.WasiFunction.CLOCK_TIME_GET;
import static dev.wasitrace.wasi.WasiFunction.FD_READ;
import static dev.wasitrace.wasi.WasiFunction.FD_WRITE;
import static dev.wasitrace.wasi.WasiFunction.PATH_OPEN;
import static dev.wasitrace.wasi.WasiFunction.PATH_RENAME;
import static dev.wasitrace.wasi.WasiFunction.POLL_ONEOFF;
import static dev.wasitrace.wasi.WasiFunction.PROC_EXIT;
import static dev.wasitrace.wasi.WasiFunction.RANDOM_GET;
import static dev.wasitrace.wasi.WasiFunction.SOCK_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.UserError;
import dev.wasitrace.wasi.WasiFunction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceFilterTest {
  private static List<WasiFunction> selected(String filter) {
    TraceFilter parsed = TraceFilter.parse(filter);
    return Arrays.stream(WasiFunction.values()).filter(parsed).toList();
  }

  @Test
  void allSelectsEverything() {
    assertEquals(List.of(WasiFunction.values()), selected("all"));
    assertEquals(
        List.of(WasiFunction.values()),
        Arrays.stream(WasiFunction.values()).filter(TraceFilter.all()).toList());
  }

  @Test
  void namesSelectThoseFunctions() {
    assertEquals(List.of(FD_WRITE, PATH_OPEN), selected("path_open,fd_write"));
    assertEquals(List.of(FD_WRITE, PATH_OPEN), selected(" fd_write , path_open "));
  }

  @Test
  void classesSelectTheirMembers() {
    List<WasiFunction> file = selected("%file");
    assertTrue(file.contains(PATH_OPEN) && file.contains(PATH_RENAME), file.toString());
    assertFalse(file.contains(FD_WRITE));
    assertTrue(file.stream().allMatch(f -> f.wasiName().startsWith("path_")), file.toString());

    List<WasiFunction> clock = selected("%clock");
    assertTrue(clock.contains(CLOCK_TIME_GET) && clock.contains(POLL_ONEOFF), clock.toString());
    assertEquals(List.of(RANDOM_GET), selected("%random"));
    assertTrue(selected("%net").contains(SOCK_SEND));
    assertTrue(selected("%process").contains(PROC_EXIT));
    assertTrue(selected("%desc").contains(FD_READ));
  }

  @Test
  void classesAndNamesCombine() {
    List<WasiFunction> both = selected("%random,fd_write");
    assertEquals(List.of(FD_WRITE, RANDOM_GET), both);
  }

  @Test
  void leadingBangNegatesTheWholeSet() {
    List<WasiFunction> notDesc = selected("!%desc,random_get");
    assertFalse(notDesc.contains(FD_WRITE));
    assertFalse(notDesc.contains(RANDOM_GET));
    assertTrue(notDesc.contains(PATH_OPEN));
    assertTrue(notDesc.contains(PROC_EXIT));
    assertEquals(WasiFunction.values().length - 1, selected("!fd_write").size());
    assertEquals(List.of(), selected("!all"));
  }

  @Test
  void unknownNamesAndClassesAreUserErrors() {
    UserError name = assertThrows(UserError.class, () -> TraceFilter.parse("fd_write,foo"));
    assertTrue(
        name.getMessage().startsWith("unknown function or class in --trace filter: foo "),
        name.getMessage());
    UserError traceClass = assertThrows(UserError.class, () -> TraceFilter.parse("%files"));
    assertTrue(traceClass.getMessage().contains("filter: %files "), traceClass.getMessage());
    // Classes are spelled in lower case, as in strace.
    assertThrows(UserError.class, () -> TraceFilter.parse("%FILE"));
    assertThrows(UserError.class, () -> TraceFilter.parse("write"));
  }

  @Test
  void emptyFiltersAndItemsAreUserErrors() {
    assertThrows(UserError.class, () -> TraceFilter.parse(""));
    assertThrows(UserError.class, () -> TraceFilter.parse("!"));
    UserError empty = assertThrows(UserError.class, () -> TraceFilter.parse("fd_write,,path_open"));
    assertTrue(empty.getMessage().contains("(empty item)"), empty.getMessage());
  }
}
