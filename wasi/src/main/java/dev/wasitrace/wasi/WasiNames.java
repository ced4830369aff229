package dev.wasitrace.wasi;

/**
 * Names for WASI enum and flag values, spelled the way strace users know them (O_CREAT, SEEK_SET,
 * CLOCK_MONOTONIC); values without a name print as numbers. Public for the exporters, which name
 * the same values in the calls they write.
 */
public final class WasiNames {
  private static final String[] CLOCKS = {
    "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID"
  };
  private static final String[] WHENCE = {"SEEK_SET", "SEEK_CUR", "SEEK_END"};
  private static final String[] FILETYPES = {
    "UNKNOWN",
    "BLOCK_DEVICE",
    "CHARACTER_DEVICE",
    "DIRECTORY",
    "REGULAR_FILE",
    "SOCKET_DGRAM",
    "SOCKET_STREAM",
    "SYMBOLIC_LINK"
  };
  private static final String[] ADVICE = {
    "POSIX_FADV_NORMAL",
    "POSIX_FADV_SEQUENTIAL",
    "POSIX_FADV_RANDOM",
    "POSIX_FADV_WILLNEED",
    "POSIX_FADV_DONTNEED",
    "POSIX_FADV_NOREUSE"
  };
  private static final String[] SIGNALS = {
    "0",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGPOLL",
    "SIGPWR",
    "SIGSYS"
  };

  /** oflags by bit, and the order strace prints them in. */
  private static final String[] OFLAGS = {"O_CREAT", "O_DIRECTORY", "O_EXCL", "O_TRUNC"};

  private static final int[] OFLAG_ORDER = {0, 2, 3, 1};
  private static final String[] FDFLAGS = {
    "O_APPEND", "O_DSYNC", "O_NONBLOCK", "O_RSYNC", "O_SYNC"
  };
  private static final String[] FSTFLAGS = {"ATIM", "ATIM_NOW", "MTIM", "MTIM_NOW"};
  private static final String[] RIFLAGS = {"MSG_PEEK", "MSG_WAITALL"};
  private static final String[] SHUTDOWN = {"0", "SHUT_RD", "SHUT_WR", "SHUT_RDWR"};

  static final long RIGHT_FD_READ = 1L << 1;
  static final long RIGHT_FD_WRITE = 1L << 6;
  static final long RIGHT_FD_READDIR = 1L << 14;
  public static final long LOOKUP_SYMLINK_FOLLOW = 1;

  private WasiNames() {}

  public static String clock(long id) {
    return named(CLOCKS, id);
  }

  public static String whence(long whence) {
    return named(WHENCE, whence);
  }

  public static String filetype(long type) {
    return named(FILETYPES, type);
  }

  public static String advice(long advice) {
    return named(ADVICE, advice);
  }

  public static String signal(long signal) {
    return named(SIGNALS, signal);
  }

  public static String shutdown(long how) {
    return named(SHUTDOWN, how);
  }

  public static String fdflags(long flags) {
    return flags(FDFLAGS, flags);
  }

  public static String fstflags(long flags) {
    return flags(FSTFLAGS, flags);
  }

  public static String addressFamily(long family) {
    return switch ((int) family) {
      case 0 -> "AF_UNSPEC";
      case 1 -> "AF_INET";
      case 2 -> "AF_INET6";
      case 3 -> "AF_UNIX";
      default -> Long.toString(family);
    };
  }

  public static String socketType(long type) {
    return switch ((int) type) {
      case 0 -> "SOCK_ANY";
      case 1 -> "SOCK_DGRAM";
      case 2 -> "SOCK_STREAM";
      default -> Long.toString(type);
    };
  }

  public static String socketLevel(long level) {
    return switch ((int) level) {
      case 0 -> "SOL_SOCKET";
      case 6 -> "IPPROTO_TCP";
      default -> Long.toString(level);
    };
  }

  /** WasmEdge's option numbers (SOL_SOCKET) and TCP_NODELAY at IPPROTO_TCP. */
  public static String socketOption(long level, long name) {
    if (level == 6) {
      return name == 1 ? "TCP_NODELAY" : Long.toString(name);
    }
    String[] names = {
      "SO_REUSEADDR", "SO_TYPE", "SO_ERROR", "SO_DONTROUTE", "SO_BROADCAST", "SO_SNDBUF",
      "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_LINGER", "SO_RCVLOWAT", "SO_RCVTIMEO",
      "SO_SNDTIMEO", "SO_ACCEPTCONN"
    };
    return name >= 0 && name < names.length ? names[(int) name] : Long.toString(name);
  }

  public static String riflags(long flags) {
    return flags(RIFLAGS, flags);
  }

  /**
   * path_open's flags as one open(2) flag set: the access mode from the read/write rights, then the
   * oflags, the fdflags and O_NOFOLLOW when symlinks are not followed.
   */
  public static String openFlags(long lookupFlags, long oflags, long rightsBase, long fdflags) {
    StringBuilder out = new StringBuilder(accessMode(rightsBase));
    for (int bit : OFLAG_ORDER) {
      if ((oflags & (1L << bit)) != 0) {
        out.append('|').append(OFLAGS[bit]);
      }
    }
    long unknownOflags = oflags & ~((1L << OFLAGS.length) - 1);
    if (unknownOflags != 0) {
      out.append("|0x").append(Long.toHexString(unknownOflags));
    }
    if (fdflags != 0) {
      out.append('|').append(fdflags(fdflags));
    }
    if ((lookupFlags & LOOKUP_SYMLINK_FOLLOW) == 0) {
      out.append("|O_NOFOLLOW");
    }
    return out.toString();
  }

  /** The access mode a descriptor with these rights has, as open(2) would have asked for it. */
  public static String accessMode(long rights) {
    boolean read = (rights & RIGHT_FD_READ) != 0;
    boolean write = (rights & RIGHT_FD_WRITE) != 0;
    if (read && write) {
      return "O_RDWR";
    }
    if (write) {
      return "O_WRONLY";
    }
    // A directory opened for listing has only the readdir right.
    return read || (rights & RIGHT_FD_READDIR) != 0 ? "O_RDONLY" : "O_PATH";
  }

  private static String named(String[] names, long value) {
    return value >= 0 && value < names.length ? names[(int) value] : Long.toString(value);
  }

  /** {@code A|B}, unknown bits as hex, {@code 0} for none. */
  private static String flags(String[] names, long flags) {
    if (flags == 0) {
      return "0";
    }
    StringBuilder out = new StringBuilder();
    for (int bit = 0; bit < names.length; bit++) {
      if ((flags & (1L << bit)) != 0) {
        out.append(out.isEmpty() ? "" : "|").append(names[bit]);
      }
    }
    long unknown = flags & ~((1L << names.length) - 1);
    if (unknown != 0) {
      out.append(out.isEmpty() ? "" : "|").append("0x").append(Long.toHexString(unknown));
    }
    return out.toString();
  }
}
