package run.endive.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wasitrace's one reach into Endive's internals works on the Endive this build uses: every
 * operation of the adapter, on a real WasiPreview1. When an Endive release renames the private
 * table or its types, this fails (as "unsupported Endive version") before any guest runs.
 */
class DescriptorTableTest {
  @TempDir Path dir;

  @Test
  void everyOperationReachesEndivesTable() throws Exception {
    WasiOptions options =
        WasiOptions.builder()
            .withStdin(new ByteArrayInputStream("x".getBytes()))
            .withStdout(new ByteArrayOutputStream())
            .withStderr(new ByteArrayOutputStream())
            .withDirectory("/sandbox", dir)
            .build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      DescriptorTable table = new DescriptorTable(wasi);

      assertEquals(WasiRights.FD_READ, table.reportedRights(0)[0]);
      assertEquals(WasiRights.FD_WRITE, table.reportedRights(1)[0]);
      assertTrue(table.stdinReady(0));
      assertEquals(1, table.preopens().size());
      DescriptorTable.Preopen preopen = table.preopens().get(0);
      assertEquals(dir, preopen.path());
      table.rebindPreopen(preopen.fd(), dir.resolve("."));
      assertEquals(dir.resolve("."), table.preopens().get(0).path());

      Path file = Files.writeString(dir.resolve("f"), "abc");
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      int fd = table.allocateFile(file, channel, WasiFdFlags.APPEND, WasiRights.FD_WRITE);
      assertTrue(table.isOpen(fd));
      assertEquals(WasiRights.FD_WRITE, table.reportedRights(fd)[0]);
      assertSame(channel, table.appendingChannel(fd));
      assertEquals(WasiFdFlags.APPEND, table.openFile(fd).fdFlags());
      table.replaceFile(fd, channel, 0);
      assertNull(table.appendingChannel(fd));
      assertEquals(0, table.openFile(fd).fdFlags());

      int dirFd = table.allocateDirectory(dir);
      assertNull(table.openFile(dirFd));
      assertEquals(WasiRights.DIRECTORY_RIGHTS_BASE, table.reportedRights(dirFd)[0]);

      boolean[] closed = {false};
      Closeable socket = () -> closed[0] = true;
      int socketFd = table.allocateSocket(socket);
      assertSame(socket, table.socket(socketFd));
      assertNull(table.socket(fd));
      table.freeSocket(socketFd);
      assertFalse(table.isOpen(socketFd));
    }
  }
}
