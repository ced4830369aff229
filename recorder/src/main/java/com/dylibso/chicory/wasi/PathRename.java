package com.dylibso.chicory.wasi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code path_rename} done right. Chicory 1.7.5 moves with COPY_ATTRIBUTES, which the Unix file
 * system provider rejects, so every rename fails with ENOTSUP. This class lives in Chicory's
 * package to reach its (package-private) descriptor table; it keeps Chicory's sandbox rules.
 */
public final class PathRename {
  private final Descriptors descriptors;

  public PathRename(WasiPreview1 wasi) {
    this.descriptors = SocketDescriptors.descriptorsOf(requireNonNull(wasi));
  }

  public int rename(int oldFd, String oldRawPath, int newFd, String newRawPath) {
    Path oldDirectory = directory(oldFd);
    Path newDirectory = directory(newFd);
    if (oldDirectory == null || newDirectory == null) {
      return descriptors.get(oldFd) == null || descriptors.get(newFd) == null
          ? WasiErrno.EBADF.value()
          : WasiErrno.ENOTDIR.value();
    }
    Path oldPath = resolve(oldDirectory, oldRawPath);
    Path newPath = resolve(newDirectory, newRawPath);
    if (oldPath == null || newPath == null) {
      return WasiErrno.EACCES.value();
    }
    if (Files.isDirectory(oldPath) && Files.isRegularFile(newPath, LinkOption.NOFOLLOW_LINKS)) {
      return WasiErrno.ENOTDIR.value();
    }
    if (Files.isRegularFile(oldPath, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(newPath)) {
      return WasiErrno.EISDIR.value();
    }
    try {
      try {
        Files.move(oldPath, newPath, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(oldPath, newPath, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (NoSuchFileException e) {
      return WasiErrno.ENOENT.value();
    } catch (DirectoryNotEmptyException e) {
      return WasiErrno.ENOTEMPTY.value();
    } catch (FileAlreadyExistsException e) {
      return WasiErrno.EEXIST.value();
    } catch (IOException | UnsupportedOperationException e) {
      return WasiErrno.EIO.value();
    }
    return WasiErrno.ESUCCESS.value();
  }

  private Path directory(int fd) {
    Descriptors.Descriptor descriptor = descriptors.get(fd);
    return descriptor instanceof Descriptors.Directory directory ? directory.path() : null;
  }

  // Chicory's own rule: relative paths that stay inside the preopened directory.
  private static Path resolve(Path directory, String rawPath) {
    Path path;
    try {
      path = directory.getFileSystem().getPath(rawPath);
    } catch (InvalidPathException e) {
      return null;
    }
    if (path.isAbsolute()) {
      return null;
    }
    String normalized = path.normalize().toString();
    if (normalized.equals("..") || normalized.startsWith("../")) {
      return null;
    }
    return directory.resolve(normalized);
  }
}
