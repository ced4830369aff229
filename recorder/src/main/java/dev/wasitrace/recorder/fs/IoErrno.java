package dev.wasitrace.recorder.fs;

import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * The WASI errno of a failed file-system call. The JDK keeps the system's errno only as the text of
 * strerror (in {@link FileSystemException#getReason()} or the message), but for the few kinds it
 * gives classes of their own; both are read here (glibc's English texts; anything else is EIO).
 */
final class IoErrno {
  private static final Map<String, Integer> BY_REASON =
      Map.ofEntries(
          Map.entry("Too many levels of symbolic links", Errno.ELOOP),
          Map.entry("Too many levels of symbolic links (NOFOLLOW_LINKS specified)", Errno.ELOOP),
          Map.entry("Not a directory", Errno.ENOTDIR),
          Map.entry("Is a directory", Errno.EISDIR),
          Map.entry("Directory not empty", Errno.ENOTEMPTY),
          Map.entry("File exists", Errno.EEXIST),
          Map.entry("Permission denied", Errno.EACCES),
          Map.entry("Operation not permitted", Errno.EPERM),
          Map.entry("Invalid argument", Errno.EINVAL),
          Map.entry("File name too long", Errno.ENAMETOOLONG),
          Map.entry("No space left on device", Errno.ENOSPC),
          Map.entry("Disk quota exceeded", Errno.EDQUOT),
          Map.entry("Read-only file system", Errno.EROFS),
          Map.entry("Invalid cross-device link", Errno.EXDEV),
          Map.entry("Too many links", Errno.EMLINK),
          Map.entry("Device or resource busy", Errno.EBUSY),
          Map.entry("Text file busy", Errno.ETXTBSY),
          Map.entry("File too large", Errno.EFBIG),
          Map.entry("Too many open files", Errno.EMFILE),
          Map.entry("No such device or address", Errno.ENXIO));

  private IoErrno() {}

  static int of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return Errno.ENOENT;
    }
    if (e instanceof FileAlreadyExistsException) {
      return Errno.EEXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return Errno.ENOTEMPTY;
    }
    if (e instanceof AccessDeniedException) {
      return Errno.EACCES;
    }
    if (e instanceof NotDirectoryException) {
      return Errno.ENOTDIR;
    }
    if (e instanceof NotLinkException) {
      return Errno.EINVAL;
    }
    // FileChannel.open reports a link met with NOFOLLOW_LINKS as a plain IOException.
    String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    return reason == null ? Errno.EIO : BY_REASON.getOrDefault(reason, Errno.EIO);
  }
}
