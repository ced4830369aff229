package dev.wasitrace.recorder.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeneathTest {
  @TempDir Path temp;
  private Path outside;
  private Path root;
  private DirectoryHandle start;
  private final DirectoryCache walked = new DirectoryCache();

  @BeforeEach
  void layout() throws IOException {
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "OUTSIDE");
    root = Files.createDirectories(temp.resolve("preopen"));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/file.txt"), "inside");
    Files.createSymbolicLink(root.resolve("abs"), outside);
    Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("sub/sibling"), Path.of("../sub/file.txt"));
    Files.createSymbolicLink(root.resolve("sub/self"), Path.of("."));
    Files.createSymbolicLink(root.resolve("loopa"), Path.of("loopb"));
    Files.createSymbolicLink(root.resolve("loopb"), Path.of("loopa"));
    start = DirectoryHandle.open(root);
  }

  @AfterEach
  void release() throws IOException {
    walked.close();
    start.close();
  }

  @Test
  void descriptorsAreNamedOnLinux() {
    // Fails loudly when a JDK moves the internals OsDescriptors reads (or a flag is missing).
    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
      assertTrue(OsDescriptors.available(), OsDescriptors.unavailableReason());
    }
  }

  @Test
  void pathsInsideResolveToTheirFiles() throws Exception {
    assertEquals("inside", read("sub/file.txt", false));
    assertEquals("inside", read("sub/./file.txt", false));
    assertEquals("inside", read("sub/../sub/file.txt", false));
    assertEquals("inside", read("sub/sibling", true));
    assertEquals("inside", read("sub/self/self/file.txt", false));
    Beneath.Resolved dotDot = Beneath.resolve(walked, start, "sub/..", false);
    assertEquals(".", dotDot.name());
    assertTrue(Files.isSameFile(root, dotDot.path()));
  }

  @Test
  void aLastLinkNotFollowedIsTheLinkItself() throws Exception {
    assertTrue(Files.isSymbolicLink(Beneath.resolve(walked, start, "abs", false).path()));
  }

  @Test
  void everyWayOutIsNotCapable() {
    for (String path :
        new String[] {
          "/etc/hostname",
          "..",
          "../outside/secret.txt",
          "sub/../..",
          "abs",
          "abs/secret.txt",
          "up/outside/secret.txt",
          "sub/self/../../outside",
          "up"
        }) {
      FsError error =
          assertThrows(FsError.class, () -> Beneath.resolve(walked, start, path, true), path);
      assertEquals(Errno.ENOTCAPABLE, error.errno, path);
    }
    // Links on the way are followed whatever the last component's flag says.
    FsError error =
        assertThrows(FsError.class, () -> Beneath.resolve(walked, start, "abs/secret.txt", false));
    assertEquals(Errno.ENOTCAPABLE, error.errno);
  }

  @Test
  void loopsEndInEloop() {
    FsError error =
        assertThrows(FsError.class, () -> Beneath.resolve(walked, start, "loopa", true));
    assertEquals(Errno.ELOOP, error.errno);
  }

  @Test
  void openingADirectoryOnTheWayNeverFollowsALink() {
    // What makes a swap between a walk's lstat and its open harmless, shown without a race.
    for (String link : new String[] {"abs", "up"}) {
      IOException e = assertThrows(IOException.class, () -> start.openChild(link).close(), link);
      assertEquals(Errno.ELOOP, IoErrno.of(e), link + ": " + e);
    }
  }

  @Test
  void aDirectorySwappedForALinkDuringTheWalkIsNeverFollowed() throws Exception {
    Path flip = root.resolve("flip");
    Path asDirectory = Files.createDirectories(root.resolve(".flipdir"));
    Files.writeString(asDirectory.resolve("secret.txt"), "INSIDE");
    Path asLink = Files.createSymbolicLink(root.resolve(".fliplink"), outside);
    Files.move(asDirectory, flip, StandardCopyOption.ATOMIC_MOVE);
    AtomicBoolean done = new AtomicBoolean();
    Thread flipper =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  Files.move(flip, asDirectory, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(asLink, flip, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(flip, asLink, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(asDirectory, flip, StandardCopyOption.ATOMIC_MOVE);
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    flipper.start();
    try {
      for (int i = 0; i < 20_000; i++) {
        walked.trim(); // as SandboxFiles does before each call
        try {
          Beneath.Resolved resolved = Beneath.resolve(walked, start, "flip/secret.txt", true);
          byte[] bytes = Files.readAllBytes(resolved.path());
          assertEquals("INSIDE", new String(bytes, UTF_8), "read through a swapped link");
        } catch (FsError | IOException e) {
          // Refused or gone in the swap: fine; only outside bytes would be a failure.
        }
      }
    } finally {
      done.set(true);
      flipper.join();
    }
    assertTrue(Files.exists(root.resolve("flip"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aHeldDirectoryIsUsedOnlyWhileItsNameStillLeadsToIt() throws Exception {
    assertEquals("inside", read("sub/file.txt", false));
    Files.move(root.resolve("sub"), root.resolve("old"));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/file.txt"), "new");
    assertEquals("new", read("sub/file.txt", false));
    Files.move(root.resolve("sub"), root.resolve("newer"));
    Files.createSymbolicLink(root.resolve("sub"), outside);
    FsError error =
        assertThrows(FsError.class, () -> Beneath.resolve(walked, start, "sub/secret.txt", false));
    assertEquals(Errno.ENOTCAPABLE, error.errno);
  }

  private String read(String path, boolean followLast) throws Exception {
    return Files.readString(Beneath.resolve(walked, start, path, followLast).path());
  }
}
