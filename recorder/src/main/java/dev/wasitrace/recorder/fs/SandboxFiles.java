package dev.wasitrace.recorder.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongToIntFunction;
import run.endive.runtime.Memory;
import run.endive.wasi.DescriptorTable;

/**
 * The WASI calls that name paths, and fd_readdir, with every path resolved beneath the directory
 * descriptor it is relative to ({@link Beneath}). Files and directories opened here go into
 * Endive's descriptor table, which serves the rest of their fd_* calls: each carries a path that
 * names the open file itself ({@code /proc/self/fd/N}), so Endive's stat and set-times on a
 * descriptor never walk a name again.
 */
public final class SandboxFiles implements AutoCloseable {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final DescriptorTable descriptors;
  // The directories the guest has open (preopens included), by descriptor.
  private final Map<Integer, DirectoryHandle> directories = new HashMap<>();
  // Rights the guest narrowed with fd_fdstat_set_rights (base, inheriting), by descriptor.
  private final Map<Integer, long[]> narrowedRights = new HashMap<>();
  // The directories path walks went through lately.
  private final DirectoryCache walked = new DirectoryCache();

  public SandboxFiles(DescriptorTable descriptors) {
    this.descriptors = requireNonNull(descriptors);
    for (DescriptorTable.Preopen preopen : descriptors.preopens()) {
      DirectoryHandle handle;
      try {
        handle = DirectoryHandle.open(preopen.path());
      } catch (IOException e) {
        close();
        throw new UserError(
            "--dir " + preopen.path() + ": cannot open it: " + Registry.describe(e));
      }
      directories.put(preopen.fd(), handle);
      descriptors.rebindPreopen(preopen.fd(), handle.self());
    }
  }

  @Override
  public void close() {
    for (DirectoryHandle handle : directories.values()) {
      closeQuietly(handle);
    }
    directories.clear();
    walked.close();
  }

  /** After Endive closed fd: releases the directory held for it, if any. */
  public void closed(int fd) {
    narrowedRights.remove(fd);
    DirectoryHandle handle = directories.remove(fd);
    if (handle != null) {
      closeQuietly(handle);
    }
  }

  /** After Endive moved descriptor from to to (closing what to was). */
  public void renumbered(int from, int to) {
    if (from == to) {
      return;
    }
    closed(to);
    DirectoryHandle handle = directories.remove(from);
    if (handle != null) {
      directories.put(to, handle);
    }
    long[] rights = narrowedRights.remove(from);
    if (rights != null) {
      narrowedRights.put(to, rights);
    }
  }

  public int pathOpen(
      Memory memory,
      int dirFd,
      int lookupFlags,
      String path,
      int openFlags,
      long rightsBase,
      long rightsInheriting,
      int fdFlags,
      int fdPtr) {
    boolean wantDirectory = isSet(openFlags, FsFlags.O_DIRECTORY);
    boolean create = isSet(openFlags, FsFlags.O_CREAT);
    boolean exclusive = isSet(openFlags, FsFlags.O_EXCL);
    boolean truncate = isSet(openFlags, FsFlags.O_TRUNC);
    return call(
        () -> {
          long[] dirRights = narrowedRights.get(dirFd);
          if (dirRights != null
              && (!isSet(dirRights[0], FsFlags.RIGHT_PATH_OPEN)
                  || (truncate && !isSet(dirRights[0], FsFlags.RIGHT_PATH_FILESTAT_SET_SIZE)))) {
            return Errno.ENOTCAPABLE;
          }
          Beneath.Resolved target = resolve(dirFd, path, follows(lookupFlags));
          BasicFileAttributes attributes = attributesOrNull(target.path());
          if (attributes != null && attributes.isSymbolicLink()) {
            // Not followed: as open(2) with O_NOFOLLOW.
            return wantDirectory ? Errno.ENOTDIR : Errno.ELOOP;
          }
          if (attributes != null && attributes.isDirectory()) {
            if (create && exclusive) {
              return Errno.EEXIST;
            }
            if (truncate || isSet(rightsBase, FsFlags.RIGHT_FD_WRITE)) {
              return Errno.EISDIR;
            }
            DirectoryHandle handle = target.parent().openChild(target.name());
            int fd = descriptors.allocateDirectory(handle.self());
            directories.put(fd, handle);
            memory.writeI32(fdPtr, fd);
            return Errno.SUCCESS;
          }
          if (target.trailingSlash() || wantDirectory) {
            if (attributes == null) {
              return (create && target.trailingSlash() ? Errno.EISDIR : Errno.ENOENT);
            }
            return Errno.ENOTDIR;
          }
          FileChannel channel =
              FileChannel.open(target.path(), openOptions(openFlags, rightsBase, fdFlags));
          Path self = OsDescriptors.available() ? OsDescriptors.pathOf(channel) : target.path();
          memory.writeI32(fdPtr, descriptors.allocateFile(self, channel, fdFlags, rightsBase));
          return Errno.SUCCESS;
        });
  }

  private static Set<OpenOption> openOptions(int openFlags, long rightsBase, int fdFlags) {
    Set<OpenOption> options = new HashSet<>();
    options.add(NOFOLLOW);
    // Never Java's APPEND, which refuses READ and TRUNCATE_EXISTING beside it and cannot be turned
    // off: appending is beforeWrite's job, as the descriptor's flags say.
    if (isSet(rightsBase, FsFlags.RIGHT_FD_READ)) {
      options.add(StandardOpenOption.READ);
    }
    if (isSet(rightsBase, FsFlags.RIGHT_FD_WRITE)) {
      options.add(StandardOpenOption.WRITE);
    }
    if (isSet(openFlags, FsFlags.O_CREAT)) {
      options.add(
          isSet(openFlags, FsFlags.O_EXCL)
              ? StandardOpenOption.CREATE_NEW
              : StandardOpenOption.CREATE);
      options.add(StandardOpenOption.WRITE);
    }
    if (isSet(openFlags, FsFlags.O_TRUNC)) {
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    if (isSet(fdFlags, FsFlags.FD_SYNC)) {
      options.add(StandardOpenOption.SYNC);
    }
    if (isSet(fdFlags, FsFlags.FD_DSYNC)) {
      options.add(StandardOpenOption.DSYNC);
    }
    return options;
  }

  /** Before Endive's fd_write: a file in append mode writes at its end, as O_APPEND does. */
  public void beforeWrite(int fd) {
    FileChannel appending = descriptors.appendingChannel(fd);
    if (appending != null) {
      try {
        appending.position(appending.size());
      } catch (IOException e) {
        // The write that follows meets the same fault and answers it with an errno.
      }
    }
  }

  /** Endive's fd_pwrite at offset; on a file in append mode, at its end (as Linux). */
  public int positionalWrite(int fd, long offset, LongToIntFunction endivePwrite) {
    try {
      return descriptors.positionalWrite(fd, offset, endivePwrite);
    } catch (IOException e) {
      return IoErrno.of(e);
    }
  }

  /**
   * Narrows a descriptor's rights, as WASI allows (never widens them: ENOTCAPABLE). Endive tracks
   * none; wasitrace keeps the narrowed ones, reports them ({@link #reportNarrowedRights}) and
   * enforces reading and writing, and what path_open needs on a directory.
   */
  public int fdFdstatSetRights(int fd, long base, long inheriting) {
    long[] current = narrowedRights.getOrDefault(fd, descriptors.reportedRights(fd));
    if (current == null) {
      return Errno.EBADF;
    }
    if ((base & ~current[0]) != 0 || (inheriting & ~current[1]) != 0) {
      return Errno.ENOTCAPABLE;
    }
    narrowedRights.put(fd, new long[] {base, inheriting});
    return Errno.SUCCESS;
  }

  /** False when the guest took fd's FD_READ right away. */
  public boolean mayRead(int fd) {
    long[] rights = narrowedRights.isEmpty() ? null : narrowedRights.get(fd);
    return rights == null || isSet(rights[0], FsFlags.RIGHT_FD_READ);
  }

  /** False when the guest took fd's FD_WRITE right away. */
  public boolean mayWrite(int fd) {
    long[] rights = narrowedRights.isEmpty() ? null : narrowedRights.get(fd);
    return rights == null || isSet(rights[0], FsFlags.RIGHT_FD_WRITE);
  }

  /**
   * After Endive's fd_fdstat_get wrote the fdstat at buf: the rights as the guest narrowed them.
   */
  public void reportNarrowedRights(Memory memory, int fd, int buf) {
    long[] rights = narrowedRights.get(fd);
    if (rights != null) {
      memory.writeLong(buf + 8, rights[0]);
      memory.writeLong(buf + 16, rights[1]);
    }
  }

  /**
   * Sets a descriptor's flags. APPEND and NONBLOCK change on files (NONBLOCK changes nothing on a
   * regular file, as on Linux); stdio and directories take them and stay as they are. The
   * synchronized-I/O flags are chosen at open and cannot change (ENOTSUP), as on Linux.
   */
  public int fdFdstatSetFlags(int fd, int flags) {
    if (!descriptors.isOpen(fd)) {
      return Errno.EBADF;
    }
    if ((flags & ~(FsFlags.FD_APPEND | FsFlags.FD_NONBLOCK | FsFlags.SYNC_FLAGS)) != 0) {
      return Errno.EINVAL;
    }
    DescriptorTable.OpenFile file = descriptors.openFile(fd);
    int current = file == null ? 0 : file.fdFlags();
    if ((flags & FsFlags.SYNC_FLAGS) != (current & FsFlags.SYNC_FLAGS)) {
      return Errno.ENOTSUP;
    }
    if (file != null) {
      descriptors.replaceFile(fd, file.channel(), flags);
    }
    return Errno.SUCCESS;
  }

  /**
   * fd_sync and fd_datasync: a directory is synced as Linux and node:wasi do (Endive refuses it
   * with EINVAL); anything else is Endive's.
   */
  public int fdSync(int fd, boolean metadata, IntSupplier endive) {
    DirectoryHandle directory = directories.get(fd);
    if (directory == null) {
      return endive.getAsInt();
    }
    try {
      directory.sync(metadata);
      return Errno.SUCCESS;
    } catch (IOException e) {
      return Errno.EIO;
    }
  }

  public int pathCreateDirectory(int dirFd, String path) {
    return call(
        () -> {
          Beneath.Resolved target = resolve(dirFd, path, false);
          Files.createDirectory(target.path());
          return Errno.SUCCESS;
        });
  }

  public int pathFilestatGet(Memory memory, int dirFd, int lookupFlags, String path, int buf) {
    return call(
        () -> {
          Beneath.Resolved target = resolve(dirFd, path, follows(lookupFlags));
          Map<String, Object> attributes = Files.readAttributes(target.path(), "unix:*", NOFOLLOW);
          if (target.trailingSlash() && fileType(attributes) != FsFlags.FILETYPE_DIRECTORY) {
            return Errno.ENOTDIR;
          }
          memory.write(buf, filestat(attributes));
          return Errno.SUCCESS;
        });
  }

  public int pathFilestatSetTimes(
      int dirFd, int lookupFlags, String path, long accessTime, long modifiedTime, int fstFlags) {
    boolean accessSet = isSet(fstFlags, FsFlags.FST_ATIM);
    boolean accessNow = isSet(fstFlags, FsFlags.FST_ATIM_NOW);
    boolean modifiedSet = isSet(fstFlags, FsFlags.FST_MTIM);
    boolean modifiedNow = isSet(fstFlags, FsFlags.FST_MTIM_NOW);
    if ((accessSet && accessNow) || (modifiedSet && modifiedNow)) {
      return Errno.EINVAL;
    }
    return call(
        () -> {
          Beneath.Resolved target = resolve(dirFd, path, follows(lookupFlags));
          Instant now = Instant.now();
          Files.getFileAttributeView(target.path(), BasicFileAttributeView.class, NOFOLLOW)
              .setTimes(
                  fileTime(modifiedTime, modifiedSet, modifiedNow, now),
                  fileTime(accessTime, accessSet, accessNow, now),
                  null);
          return Errno.SUCCESS;
        });
  }

  private static FileTime fileTime(long nanos, boolean set, boolean now, Instant clock) {
    if (set) {
      return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }
    return now ? FileTime.from(clock) : null;
  }

  public int pathLink(int oldFd, int oldFlags, String oldPath, int newFd, String newPath) {
    return call(
        () -> {
          Beneath.Resolved existing = resolve(oldFd, oldPath, follows(oldFlags));
          Beneath.Resolved link = resolve(newFd, newPath, false);
          if (link.trailingSlash()) {
            return (exists(link.path()) ? Errno.EEXIST : Errno.ENOENT);
          }
          Files.createLink(link.path(), existing.path());
          return Errno.SUCCESS;
        });
  }

  public int pathReadlink(Memory memory, int dirFd, String path, int buf, int bufLen, int usedPtr) {
    return call(
        () -> {
          Beneath.Resolved link = resolve(dirFd, path, false);
          byte[] target = Files.readSymbolicLink(link.path()).toString().getBytes(UTF_8);
          int used = Math.min(target.length, bufLen);
          memory.write(buf, target, 0, used);
          memory.writeI32(usedPtr, used);
          return Errno.SUCCESS;
        });
  }

  public int pathRemoveDirectory(int dirFd, String path) {
    return call(
        () -> {
          Beneath.Resolved target = resolve(dirFd, path, false);
          BasicFileAttributes attributes =
              Files.readAttributes(target.path(), BasicFileAttributes.class, NOFOLLOW);
          if (!attributes.isDirectory()) {
            return Errno.ENOTDIR;
          }
          Files.delete(target.path());
          return Errno.SUCCESS;
        });
  }

  public int pathRename(int oldFd, String oldPath, int newFd, String newPath) {
    return call(
        () -> {
          Beneath.Resolved from = resolve(oldFd, oldPath, false);
          Beneath.Resolved to = resolve(newFd, newPath, false);
          BasicFileAttributes source =
              Files.readAttributes(from.path(), BasicFileAttributes.class, NOFOLLOW);
          if ((from.trailingSlash() || to.trailingSlash()) && !source.isDirectory()) {
            return Errno.ENOTDIR;
          }
          // rename(2): replaces the target atomically, refuses a directory onto a file and back.
          Files.move(from.path(), to.path(), StandardCopyOption.ATOMIC_MOVE);
          return Errno.SUCCESS;
        });
  }

  public int pathSymlink(String target, int dirFd, String linkPath) {
    if (target.startsWith("/")) {
      return Errno.ENOTCAPABLE;
    }
    return call(
        () -> {
          Beneath.Resolved link = resolve(dirFd, linkPath, false);
          if (link.trailingSlash()) {
            BasicFileAttributes attributes = attributesOrNull(link.path());
            if (attributes == null) {
              return Errno.ENOENT;
            }
            return (attributes.isDirectory() ? Errno.EEXIST : Errno.ENOTDIR);
          }
          Files.createSymbolicLink(link.path(), Path.of(target));
          return Errno.SUCCESS;
        });
  }

  public int pathUnlinkFile(int dirFd, String path) {
    return call(
        () -> {
          Beneath.Resolved target = resolve(dirFd, path, false);
          BasicFileAttributes attributes =
              Files.readAttributes(target.path(), BasicFileAttributes.class, NOFOLLOW);
          if (attributes.isDirectory()) {
            return Errno.EISDIR;
          }
          if (target.trailingSlash()) {
            return Errno.ENOTDIR;
          }
          Files.delete(target.path());
          return Errno.SUCCESS;
        });
  }

  /**
   * Lists a directory as Endive does ("." and ".." first, then the entries; an entry's cookie is
   * its position), each entry's type and inode read without following it.
   */
  public int fdReaddir(Memory memory, int dirFd, int buf, int bufLen, long cookie, int usedPtr) {
    if (cookie < 0) {
      return Errno.EINVAL;
    }
    DirectoryHandle directory;
    try {
      directory = directory(dirFd);
    } catch (FsError e) {
      return e.errno;
    }
    List<String> names = new ArrayList<>(List.of(".", ".."));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.self())) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
      int used = 0;
      for (long i = cookie; i < names.size() && used < bufLen; i++) {
        String name = names.get((int) i);
        Path entry = name.equals("..") ? directory.self().resolve("..") : directory.entry(name);
        Map<String, Object> attributes;
        try {
          attributes = Files.readAttributes(entry, "unix:ino,mode", NOFOLLOW);
        } catch (java.nio.file.NoSuchFileException e) {
          continue; // removed since the listing
        }
        byte[] bytes = name.getBytes(UTF_8);
        ByteBuffer dirent = ByteBuffer.allocate(24 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        dirent.putLong(i + 1);
        dirent.putLong(((Number) attributes.get("ino")).longValue());
        dirent.putInt(bytes.length);
        dirent.put(fileType(attributes));
        dirent.position(24);
        dirent.put(bytes);
        int size = Math.min(dirent.capacity(), bufLen - used);
        memory.write(buf + used, dirent.array(), 0, size);
        used += size;
      }
      memory.writeI32(usedPtr, used);
      return Errno.SUCCESS;
    } catch (IOException e) {
      return IoErrno.of(e);
    }
  }

  /** A call's work, which ends in an errno or fails with one. */
  private interface Call {
    int run() throws FsError, IOException;
  }

  /** Runs a call that names paths: its errno, whichever way it ends. */
  private int call(Call call) {
    walked.trim(); // before any walk of this call: no handle dropped so far is in use
    try {
      return call.run();
    } catch (FsError e) {
      return e.errno;
    } catch (IOException e) {
      return IoErrno.of(e);
    }
  }

  private Beneath.Resolved resolve(int dirFd, String path, boolean followLast) throws FsError {
    return Beneath.resolve(walked, directory(dirFd), path, followLast);
  }

  private DirectoryHandle directory(int fd) throws FsError {
    DirectoryHandle handle = directories.get(fd);
    if (handle != null) {
      return handle;
    }
    throw new FsError(descriptors.isOpen(fd) ? Errno.ENOTDIR : Errno.EBADF);
  }

  private static boolean follows(int lookupFlags) {
    return isSet(lookupFlags, FsFlags.LOOKUP_SYMLINK_FOLLOW);
  }

  private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static boolean exists(Path path) throws IOException {
    return attributesOrNull(path) != null;
  }

  /** WASI's filestat: dev, ino, filetype, nlink, size, atim, mtim, ctim. */
  private static byte[] filestat(Map<String, Object> attributes) {
    ByteBuffer stat = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    stat.putLong(((Number) attributes.get("dev")).longValue());
    stat.putLong(((Number) attributes.get("ino")).longValue());
    stat.put(16, fileType(attributes));
    stat.position(24);
    stat.putLong(((Number) attributes.get("nlink")).longValue());
    stat.putLong(((Number) attributes.get("size")).longValue());
    stat.putLong(nanos(attributes.get("lastAccessTime")));
    stat.putLong(nanos(attributes.get("lastModifiedTime")));
    stat.putLong(nanos(attributes.get("ctime")));
    return stat.array();
  }

  private static long nanos(Object fileTime) {
    return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
  }

  // The S_IFMT bits of st_mode.
  private static byte fileType(Map<String, Object> attributes) {
    return switch (((Number) attributes.get("mode")).intValue() & 0170000) {
      case 0140000 -> FsFlags.FILETYPE_SOCKET_STREAM;
      case 0120000 -> FsFlags.FILETYPE_SYMBOLIC_LINK;
      case 0100000 -> FsFlags.FILETYPE_REGULAR_FILE;
      case 0060000 -> FsFlags.FILETYPE_BLOCK_DEVICE;
      case 0040000 -> FsFlags.FILETYPE_DIRECTORY;
      case 0020000 -> FsFlags.FILETYPE_CHARACTER_DEVICE;
      default -> FsFlags.FILETYPE_UNKNOWN;
    };
  }

  private static boolean isSet(long flags, long mask) {
    return (flags & mask) != 0;
  }

  private static void closeQuietly(DirectoryHandle handle) {
    try {
      handle.close();
    } catch (IOException e) {
      // A directory held for reading: nothing to lose.
    }
  }
}
