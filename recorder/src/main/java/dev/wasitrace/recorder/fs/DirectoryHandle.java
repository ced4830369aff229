package dev.wasitrace.recorder.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

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
  private final Object identity; // the directory's device and inode (BasicFileAttributes.fileKey)

  private DirectoryHandle(FileChannel channel, Path base, Object identity) {
    this.channel = channel;
    this.base = base;
    this.identity = identity;
  }

  /** Opens a host directory the user named (links in that path are the user's to follow). */
  static DirectoryHandle open(Path directory) throws IOException {
    if (!OsDescriptors.available()) {
      Path real = directory.toRealPath();
      return new DirectoryHandle(null, real, directoryIdentity(real, directory));
    }
    return held(FileChannel.open(directory, StandardOpenOption.READ), directory);
  }

  /** Flushes the directory's entries to storage, as fsync(2) on a directory does. */
  void sync(boolean metadata) throws IOException {
    if (channel != null) {
      channel.force(metadata);
    } else {
      try (FileChannel opened = FileChannel.open(base, StandardOpenOption.READ)) {
        opened.force(metadata);
      }
    }
  }

  /** Opens the directory called name in this one, never following a link at name. */
  DirectoryHandle openChild(String name) throws IOException {
    Path child = entry(name);
    if (channel == null) {
      BasicFileAttributes attributes =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory()) {
        throw new NotDirectoryException(name);
      }
      return new DirectoryHandle(null, child, attributes.fileKey());
    }
    return held(FileChannel.open(child, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), child);
  }

  private static DirectoryHandle held(FileChannel channel, Path shownAs) throws IOException {
    Path self = OsDescriptors.pathOf(channel);
    try {
      return new DirectoryHandle(channel, self, directoryIdentity(self, shownAs));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The device and inode of the directory at path (the one a descriptor holds, for /proc). */
  private static Object directoryIdentity(Path path, Path shownAs) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isDirectory()) {
      throw new NotDirectoryException(shownAs.toString());
    }
    return attributes.fileKey();
  }

  /** Whether this is the directory whose attributes (read without following) these are. */
  boolean isSame(BasicFileAttributes attributes) {
    return identity != null && identity.equals(attributes.fileKey());
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
