package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import org.junit.jupiter.api.Test;

class DescriptorNamesTest {
  @Test
  void followsPreopensOpensRenumbersAndCloses() {
    DescriptorNames names = new DescriptorNames();
    names.update(
        CallBuilder.of(WasiFunction.FD_PRESTAT_DIR_NAME, 3, 0, 8).path("/sandbox").build());
    names.update(open(3, "sub/./a.txt", 4));
    assertEquals("/sandbox", names.name(3));
    assertEquals("/sandbox/sub/./a.txt", names.name(4));
    names.update(CallBuilder.of(WasiFunction.FD_RENUMBER, 4, 7).build());
    assertEquals("fd 4", names.name(4));
    assertEquals("/sandbox/sub/./a.txt", names.name(7));
    names.update(CallBuilder.of(WasiFunction.FD_CLOSE, 7).build());
    assertEquals("fd 7", names.name(7));
  }

  @Test
  void failedCallsChangeNothing() {
    DescriptorNames names = new DescriptorNames();
    names.update(CallBuilder.of(WasiFunction.FD_PRESTAT_DIR_NAME, 3, 0, 8).path("/d").build());
    names.update(CallBuilder.of(WasiFunction.FD_CLOSE, 3).errno(Errno.EBADF).build());
    assertEquals("/d", names.name(3));
  }

  @Test
  void joinsLikeAPath() {
    assertEquals("/d/a", DescriptorNames.join("/d", "a"));
    assertEquals("/d/a", DescriptorNames.join("/d/", "./a"));
    assertEquals("/d", DescriptorNames.join("/d", "."));
    assertEquals("/abs", DescriptorNames.join("/d", "/abs"));
    assertEquals("fd 3/a", DescriptorNames.join("fd 3", "a"));
  }

  private static LoggedCall open(int dir, String path, int fd) {
    return CallBuilder.of(WasiFunction.PATH_OPEN, dir, 0, 0, path.length(), 0, 2, 0, 0, 0)
        .path(path)
        .result(fd)
        .build();
  }
}
