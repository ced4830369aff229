package dev.wasitrace.recorder.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A directory the sandbox holds open. Its {@link #entry} names a name inside it such that the
 * kernel resolves nothing before that name: on Linux through {@code /proc/self/fd/N}, N the
 * descriptor held, so swapping a directory on the way for a symlink after it was opened changes
 * nothing. Where descriptors cannot be named ({@link OsDescriptors#available()}), entries are named
 * by the directory's path: links placed before the run are still contained, but a swap racing the
 * guest is not.
 */
final class DirectoryHandle implements Closeable {
  private final FileChannel channel; // null where named by path
  private final Path base;

  private DirectoryHandle(FileChannel channel, Path base) {
    this.channel = channel;
    this.base = base;
  }

  /** Opens a host directory the user named (links in that path are the user's to follow). */
  static DirectoryHandle open(Path directory) throws IOException {
    if (!OsDescriptors.available()) {
      if (!Files.isDirectory(directory)) {
        throw new NotDirectoryException(directory.toString());
      }
      return new DirectoryHandle(null, directory.toRealPath());
    }
    return held(FileChannel.open(directory, StandardOpenOption.READ), directory);
  }

  /** Opens the directory called name in this one, never following a link at name. */
  DirectoryHandle openChild(String name) throws IOException {
    Path child = entry(name);
    if (channel == null) {
      if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotDirectoryException(name);
      }
      return new DirectoryHandle(null, child);
    }
    return held(FileChannel.open(child, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), child);
  }

  private static DirectoryHandle held(FileChannel channel, Path shownAs) throws IOException {
    Path self = OsDescriptors.pathOf(channel);
    if (!Files.isDirectory(self)) {
      channel.close();
      throw new NotDirectoryException(shownAs.toString());
    }
    return new DirectoryHandle(channel, self);
  }

  /**
   * The path of name inside this directory: one component or ".", never ".." (which the kernel
   * would resolve to the physical parent, out of a preopen; {@link Beneath} walks ".." itself).
   */
  Path entry(String name) {
    if (name.equals("..") || name.indexOf('/') >= 0 || name.isEmpty()) {
      throw new IllegalArgumentException("not a single component: " + name);
    }
    return base.resolve(name);
  }

  /** A path of the directory itself. */
  Path self() {
    return base;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
