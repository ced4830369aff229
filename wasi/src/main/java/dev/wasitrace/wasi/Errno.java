package dev.wasitrace.wasi;

import java.util.Map;

/**
 * WASI errno values (not Linux's) and their names: the one list, which the SQL tables ({@code
 * errnos}) and every layer (files, sockets, traces) take theirs from.
 */
public final class Errno {
  public static final int SUCCESS = 0;
  public static final int EACCES = 2;
  public static final int EADDRINUSE = 3;
  public static final int EADDRNOTAVAIL = 4;
  public static final int EAFNOSUPPORT = 5;
  public static final int EAGAIN = 6;
  public static final int EALREADY = 7;
  public static final int EBADF = 8;
  public static final int EBUSY = 10;
  public static final int ECONNABORTED = 13;
  public static final int ECONNREFUSED = 14;
  public static final int ECONNRESET = 15;
  public static final int EDESTADDRREQ = 17;
  public static final int EDQUOT = 19;
  public static final int EEXIST = 20;
  public static final int EFAULT = 21;
  public static final int EFBIG = 22;
  public static final int EHOSTUNREACH = 23;
  public static final int EINPROGRESS = 26;
  public static final int EINVAL = 28;
  public static final int EIO = 29;
  public static final int EISCONN = 30;
  public static final int EISDIR = 31;
  public static final int ELOOP = 32;
  public static final int EMFILE = 33;
  public static final int EMLINK = 34;
  public static final int EMSGSIZE = 35;
  public static final int ENAMETOOLONG = 37;
  public static final int ENETUNREACH = 40;
  public static final int ENOENT = 44;
  public static final int ENOPROTOOPT = 50;
  public static final int ENOSPC = 51;
  public static final int ENOSYS = 52;
  public static final int ENOTCONN = 53;
  public static final int ENOTDIR = 54;
  public static final int ENOTEMPTY = 55;
  public static final int ENOTSOCK = 57;
  public static final int ENOTSUP = 58;
  public static final int ENXIO = 60;
  public static final int EPERM = 63;
  public static final int EPIPE = 64;
  public static final int EPROTONOSUPPORT = 66;
  public static final int EPROTOTYPE = 67;
  public static final int EROFS = 69;
  public static final int ESPIPE = 70;
  public static final int ETIMEDOUT = 73;
  public static final int ETXTBSY = 74;
  public static final int EXDEV = 75;
  public static final int ENOTCAPABLE = 76;

  private static final String[] NAMES = {
    "ESUCCESS",
    "E2BIG",
    "EACCES",
    "EADDRINUSE",
    "EADDRNOTAVAIL",
    "EAFNOSUPPORT",
    "EAGAIN",
    "EALREADY",
    "EBADF",
    "EBADMSG",
    "EBUSY",
    "ECANCELED",
    "ECHILD",
    "ECONNABORTED",
    "ECONNREFUSED",
    "ECONNRESET",
    "EDEADLK",
    "EDESTADDRREQ",
    "EDOM",
    "EDQUOT",
    "EEXIST",
    "EFAULT",
    "EFBIG",
    "EHOSTUNREACH",
    "EIDRM",
    "EILSEQ",
    "EINPROGRESS",
    "EINTR",
    "EINVAL",
    "EIO",
    "EISCONN",
    "EISDIR",
    "ELOOP",
    "EMFILE",
    "EMLINK",
    "EMSGSIZE",
    "EMULTIHOP",
    "ENAMETOOLONG",
    "ENETDOWN",
    "ENETRESET",
    "ENETUNREACH",
    "ENFILE",
    "ENOBUFS",
    "ENODEV",
    "ENOENT",
    "ENOEXEC",
    "ENOLCK",
    "ENOLINK",
    "ENOMEM",
    "ENOMSG",
    "ENOPROTOOPT",
    "ENOSPC",
    "ENOSYS",
    "ENOTCONN",
    "ENOTDIR",
    "ENOTEMPTY",
    "ENOTRECOVERABLE",
    "ENOTSOCK",
    "ENOTSUP",
    "ENOTTY",
    "ENXIO",
    "EOVERFLOW",
    "EOWNERDEAD",
    "EPERM",
    "EPIPE",
    "EPROTO",
    "EPROTONOSUPPORT",
    "EPROTOTYPE",
    "ERANGE",
    "EROFS",
    "ESPIPE",
    "ESRCH",
    "ESTALE",
    "ETIMEDOUT",
    "ETXTBSY",
    "EXDEV",
    "ENOTCAPABLE"
  };

  private static final Map<String, Integer> BY_NAME = byName();

  private Errno() {}

  /** The errno's name, e.g. {@code ECONNREFUSED}; unknown values as {@code E#123}. */
  public static String name(int errno) {
    return errno >= 0 && errno < NAMES.length ? NAMES[errno] : "E#" + errno;
  }

  /** The value of a name, or -1. */
  public static int value(String name) {
    return BY_NAME.getOrDefault(name, -1);
  }

  private static Map<String, Integer> byName() {
    Map<String, Integer> map = new java.util.HashMap<>();
    for (int i = 0; i < NAMES.length; i++) {
      map.put(NAMES[i], i);
    }
    return Map.copyOf(map);
  }
}
