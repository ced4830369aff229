package dev.wasitrace.recorder.fs;

/**
 * The preview1 flag bits the file calls take (witx: lookupflags, oflags, fdflags, fstflags, rights)
 * and its filetype values. Endive's own copies are package-private.
 */
final class FsFlags {
  static final int LOOKUP_SYMLINK_FOLLOW = 1;

  static final int O_CREAT = 1;
  static final int O_DIRECTORY = 1 << 1;
  static final int O_EXCL = 1 << 2;
  static final int O_TRUNC = 1 << 3;

  static final int FD_APPEND = 1;
  static final int FD_DSYNC = 1 << 1;
  static final int FD_NONBLOCK = 1 << 2;
  static final int FD_RSYNC = 1 << 3;
  static final int FD_SYNC = 1 << 4;
  static final int SYNC_FLAGS = FD_DSYNC | FD_RSYNC | FD_SYNC;

  static final int FST_ATIM = 1;
  static final int FST_ATIM_NOW = 1 << 1;
  static final int FST_MTIM = 1 << 2;
  static final int FST_MTIM_NOW = 1 << 3;

  static final long RIGHT_FD_READ = 1L << 1;
  static final long RIGHT_FD_WRITE = 1L << 6;
  static final long RIGHT_PATH_OPEN = 1L << 13;
  static final long RIGHT_PATH_FILESTAT_SET_SIZE = 1L << 19;

  static final byte FILETYPE_UNKNOWN = 0;
  static final byte FILETYPE_BLOCK_DEVICE = 1;
  static final byte FILETYPE_CHARACTER_DEVICE = 2;
  static final byte FILETYPE_DIRECTORY = 3;
  static final byte FILETYPE_REGULAR_FILE = 4;
  static final byte FILETYPE_SOCKET_STREAM = 6;
  static final byte FILETYPE_SYMBOLIC_LINK = 7;

  private FsFlags() {}
}
