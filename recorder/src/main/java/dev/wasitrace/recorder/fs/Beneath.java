package dev.wasitrace.recorder.fs;

import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a guest's path beneath the directory it is relative to, as cap-std and Linux's {@code
 * openat2(RESOLVE_BENEATH)} do: component by component, each directory on the way opened without
 * following a link ({@link DirectoryHandle#openChild}; held on in a {@link DirectoryCache}), ".."
 * taken from the walk's own stack, and every symlink expanded here, in the directory that holds it.
 * An absolute path, a ".." above the start, or a link whose target is absolute or climbs above the
 * start is ENOTCAPABLE. The kernel is then only ever handed one name inside a held directory, so a
 * directory swapped for a link after it was checked is never followed.
 */
final class Beneath {
  /** Links followed in one resolution before ELOOP, as Linux's limit. */
  static final int MAX_LINKS = 40;

  private Beneath() {}

  /**
   * Where a path leads: the directory holding its last component, and that name ("." for the
   * directory itself); trailingSlash: the path ended in "/" (or its last link's target did), so it
   * must name a directory.
   */
  record Resolved(DirectoryHandle parent, String name, boolean trailingSlash) {
    /** The host path of the result, for the single operation on it. */
    Path path() {
      return parent.entry(name);
    }
  }

  /**
   * Resolves path from start. followLast: whether a symlink as the last component is followed
   * (WASI's SYMLINK_FOLLOW); links on the way are always followed, beneath start.
   */
  static Resolved resolve(
      DirectoryCache directories, DirectoryHandle start, String path, boolean followLast)
      throws FsError {
    if (path.isEmpty()) {
      throw new FsError(Errno.ENOENT);
    }
    if (path.startsWith("/")) {
      throw new FsError(Errno.ENOTCAPABLE);
    }
    if (path.indexOf('\0') >= 0) {
      throw new FsError(Errno.EINVAL);
    }
    Deque<String> todo = new ArrayDeque<>();
    boolean trailingSlash = push(todo, path);
    // The directories walked into below start, for "..".
    Deque<DirectoryHandle> walked = new ArrayDeque<>();
    DirectoryHandle current = start;
    int links = 0;
    try {
      while (!todo.isEmpty()) {
        String name = todo.pop();
        boolean last = todo.isEmpty();
        if (name.equals("..")) {
          if (walked.isEmpty()) {
            throw new FsError(Errno.ENOTCAPABLE);
          }
          walked.pop();
          current = walked.isEmpty() ? start : walked.peek();
          continue;
        }
        if (last && !followLast && !trailingSlash) {
          return new Resolved(current, name, false);
        }
        BasicFileAttributes attributes;
        try {
          attributes =
              Files.readAttributes(
                  current.entry(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          if (last) {
            return new Resolved(current, name, trailingSlash);
          }
          throw new FsError(Errno.ENOENT);
        }
        if (attributes.isSymbolicLink()) {
          if (++links > MAX_LINKS) {
            throw new FsError(Errno.ELOOP);
          }
          String target = Files.readSymbolicLink(current.entry(name)).toString();
          if (target.startsWith("/")) {
            throw new FsError(Errno.ENOTCAPABLE);
          }
          if (target.isEmpty()) {
            throw new FsError(Errno.ENOENT);
          }
          trailingSlash |= push(todo, target) && last;
          if (todo.isEmpty()) { // the target is "." or the like: the directory itself
            return new Resolved(current, ".", trailingSlash);
          }
          continue;
        }
        if (last) {
          return new Resolved(current, name, trailingSlash);
        }
        if (!attributes.isDirectory()) {
          throw new FsError(Errno.ENOTDIR);
        }
        current = directories.child(current, name, attributes);
        walked.push(current);
      }
      // Every component was "." or ".." (or a link to them): the directory reached itself.
      return new Resolved(current, ".", trailingSlash);
    } catch (IOException e) {
      // A directory swapped for a link between the check and the open lands here (ELOOP): refused.
      throw new FsError(IoErrno.of(e));
    }
  }

  /** Puts path's components in front of todo; returns whether path ends with "/". */
  private static boolean push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        todo.push(parts[i]);
      }
    }
    return path.endsWith("/") || path.endsWith("/.") || path.equals(".");
  }
}
