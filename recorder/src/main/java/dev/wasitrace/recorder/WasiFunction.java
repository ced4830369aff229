package dev.wasitrace.recorder;

import static run.endive.wasm.types.ValType.I32;
import static run.endive.wasm.types.ValType.I64;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * Every WASI preview1 function wasitrace provides: its import name, its signature and the trace
 * classes it belongs to. The ordinal is the function's id in the log's dictionary, so new functions
 * go at the end.
 */
public enum WasiFunction {
  ARGS_GET("args_get", List.of(I32, I32)),
  ARGS_SIZES_GET("args_sizes_get", List.of(I32, I32)),
  CLOCK_RES_GET("clock_res_get", List.of(I32, I32)),
  CLOCK_TIME_GET("clock_time_get", List.of(I32, I64, I32)),
  ENVIRON_GET("environ_get", List.of(I32, I32)),
  ENVIRON_SIZES_GET("environ_sizes_get", List.of(I32, I32)),
  FD_ADVISE("fd_advise", List.of(I32, I64, I64, I32)),
  FD_ALLOCATE("fd_allocate", List.of(I32, I64, I64)),
  FD_CLOSE("fd_close", List.of(I32)),
  FD_DATASYNC("fd_datasync", List.of(I32)),
  FD_FDSTAT_GET("fd_fdstat_get", List.of(I32, I32)),
  FD_FDSTAT_SET_FLAGS("fd_fdstat_set_flags", List.of(I32, I32)),
  FD_FDSTAT_SET_RIGHTS("fd_fdstat_set_rights", List.of(I32, I64, I64)),
  FD_FILESTAT_GET("fd_filestat_get", List.of(I32, I32)),
  FD_FILESTAT_SET_SIZE("fd_filestat_set_size", List.of(I32, I64)),
  FD_FILESTAT_SET_TIMES("fd_filestat_set_times", List.of(I32, I64, I64, I32)),
  FD_PREAD("fd_pread", List.of(I32, I32, I32, I64, I32)),
  FD_PRESTAT_DIR_NAME("fd_prestat_dir_name", List.of(I32, I32, I32)),
  FD_PRESTAT_GET("fd_prestat_get", List.of(I32, I32)),
  FD_PWRITE("fd_pwrite", List.of(I32, I32, I32, I64, I32)),
  FD_READ("fd_read", List.of(I32, I32, I32, I32)),
  FD_READDIR("fd_readdir", List.of(I32, I32, I32, I64, I32)),
  FD_RENUMBER("fd_renumber", List.of(I32, I32)),
  FD_SEEK("fd_seek", List.of(I32, I64, I32, I32)),
  FD_SYNC("fd_sync", List.of(I32)),
  FD_TELL("fd_tell", List.of(I32, I32)),
  FD_WRITE("fd_write", List.of(I32, I32, I32, I32)),
  PATH_CREATE_DIRECTORY("path_create_directory", List.of(I32, I32, I32)),
  PATH_FILESTAT_GET("path_filestat_get", List.of(I32, I32, I32, I32, I32)),
  PATH_FILESTAT_SET_TIMES("path_filestat_set_times", List.of(I32, I32, I32, I32, I64, I64, I32)),
  PATH_LINK("path_link", List.of(I32, I32, I32, I32, I32, I32, I32)),
  PATH_OPEN("path_open", List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32)),
  PATH_READLINK("path_readlink", List.of(I32, I32, I32, I32, I32, I32)),
  PATH_REMOVE_DIRECTORY("path_remove_directory", List.of(I32, I32, I32)),
  PATH_RENAME("path_rename", List.of(I32, I32, I32, I32, I32, I32)),
  PATH_SYMLINK("path_symlink", List.of(I32, I32, I32, I32, I32)),
  PATH_UNLINK_FILE("path_unlink_file", List.of(I32, I32, I32)),
  POLL_ONEOFF("poll_oneoff", List.of(I32, I32, I32, I32)),
  PROC_EXIT("proc_exit", List.of(I32)),
  PROC_RAISE("proc_raise", List.of(I32)),
  RANDOM_GET("random_get", List.of(I32, I32)),
  SCHED_YIELD("sched_yield", List.of()),
  SOCK_ACCEPT("sock_accept", List.of(I32, I32, I32)),
  SOCK_RECV("sock_recv", List.of(I32, I32, I32, I32, I32, I32)),
  SOCK_SEND("sock_send", List.of(I32, I32, I32, I32, I32)),
  SOCK_SHUTDOWN("sock_shutdown", List.of(I32, I32)),
  // The WasmEdge socket extension (v2 signatures; v1 variants follow, see Variant).
  SOCK_OPEN("sock_open", List.of(I32, I32, I32)),
  SOCK_BIND("sock_bind", List.of(I32, I32, I32)),
  SOCK_CONNECT("sock_connect", List.of(I32, I32, I32)),
  SOCK_LISTEN("sock_listen", List.of(I32, I32)),
  SOCK_SEND_TO("sock_send_to", List.of(I32, I32, I32, I32, I32, I32, I32)),
  SOCK_RECV_FROM("sock_recv_from", List.of(I32, I32, I32, I32, I32, I32, I32, I32)),
  SOCK_GETSOCKOPT("sock_getsockopt", List.of(I32, I32, I32, I32, I32)),
  SOCK_SETSOCKOPT("sock_setsockopt", List.of(I32, I32, I32, I32, I32)),
  SOCK_GETLOCALADDR("sock_getlocaladdr", List.of(I32, I32, I32)),
  SOCK_GETPEERADDR("sock_getpeeraddr", List.of(I32, I32, I32)),
  SOCK_GETADDRINFO("sock_getaddrinfo", List.of(I32, I32, I32, I32, I32, I32, I32, I32)),
  SOCK_ACCEPT_V1("sock_accept", Variant.WASMEDGE_V1, List.of(I32, I32)),
  SOCK_RECV_FROM_V1(
      "sock_recv_from", Variant.WASMEDGE_V1, List.of(I32, I32, I32, I32, I32, I32, I32)),
  SOCK_GETLOCALADDR_V1("sock_getlocaladdr", Variant.WASMEDGE_V1, List.of(I32, I32, I32, I32)),
  SOCK_GETPEERADDR_V1("sock_getpeeraddr", Variant.WASMEDGE_V1, List.of(I32, I32, I32, I32));

  /**
   * Which ABI a function follows. WasmEdge's socket extension changed four signatures (and the
   * address layout) between v1 and v2; a module's imports say which one it was built for.
   */
  public enum Variant {
    STANDARD,
    WASMEDGE_V1
  }

  /** The import module every function lives in. */
  public static final String MODULE = "wasi_snapshot_preview1";

  private static final Map<String, WasiFunction> BY_NAME = new HashMap<>();

  static {
    for (WasiFunction function : values()) {
      BY_NAME.putIfAbsent(function.wasiName, function);
    }
  }

  private final String wasiName;
  private final Variant variant;
  private final List<ValType> params;
  private final Set<TraceClass> classes;
  private final boolean takesFd;
  private final boolean socketCall;
  private final boolean descriptorCall;

  WasiFunction(String wasiName, List<ValType> params) {
    this(wasiName, Variant.STANDARD, params);
  }

  WasiFunction(String wasiName, Variant variant, List<ValType> params) {
    this.wasiName = wasiName;
    this.variant = variant;
    this.params = params;
    this.classes = TraceClass.of(wasiName);
    this.takesFd =
        wasiName.startsWith("fd_") || wasiName.startsWith("path_") || wasiName.startsWith("sock_");
    this.socketCall = wasiName.startsWith("sock_");
    this.descriptorCall = wasiName.startsWith("fd_");
  }

  /** A sock_* function. */
  public boolean isSocketCall() {
    return socketCall;
  }

  /** An fd_* function: on a socket descriptor it goes to the socket layer. */
  public boolean isDescriptorCall() {
    return descriptorCall;
  }

  /** Whether the first parameter is a descriptor (for path_* the directory's). */
  public boolean takesFd() {
    return takesFd;
  }

  public String wasiName() {
    return wasiName;
  }

  public Variant variant() {
    return variant;
  }

  /**
   * The name in the log's function dictionary: the WASI name, with {@code _v1} for WasmEdge v1
   * variants so every dictionary entry is distinct.
   */
  public String logName() {
    return variant == Variant.WASMEDGE_V1 ? wasiName + "_v1" : wasiName;
  }

  /** The variant of this function's name whose signature is the given type, or null. */
  public static WasiFunction matching(String name, FunctionType type) {
    for (WasiFunction function : values()) {
      if (function.wasiName.equals(name) && function.type().equals(type)) {
        return function;
      }
    }
    return null;
  }

  public int paramCount() {
    return params.size();
  }

  public FunctionType type() {
    return FunctionType.of(params, this == PROC_EXIT ? List.of() : List.of(I32));
  }

  public Set<TraceClass> classes() {
    return classes;
  }

  /** Functions whose bulk memory writes are the bytes read (stored as the data column). */
  public boolean readsData() {
    return this == FD_READ
        || this == FD_PREAD
        || this == RANDOM_GET
        || this == SOCK_RECV
        || this == SOCK_RECV_FROM
        || this == SOCK_RECV_FROM_V1;
  }

  /** The function imported under this name (its standard variant), or null. */
  public static WasiFunction byName(String name) {
    return BY_NAME.get(name);
  }

  /** All names in ordinal order: the log's function dictionary. */
  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(WasiFunction::logName).toList();
  }

  /** Trace classes, after strace's -e trace=%class. */
  public enum TraceClass {
    /** Takes a path: path_*. */
    FILE,
    /** Works on a descriptor: fd_*, poll_oneoff, sock_*. */
    DESC,
    /** Clocks and sleeping: clock_*, poll_oneoff. */
    CLOCK,
    /** The process: args, environment, exit, signals, scheduling. */
    PROCESS,
    /** Randomness. */
    RANDOM,
    /** Sockets. */
    NET;

    static Set<TraceClass> of(String name) {
      EnumSet<TraceClass> set = EnumSet.noneOf(TraceClass.class);
      if (name.startsWith("path_")) {
        set.add(FILE);
      }
      if (name.startsWith("fd_") || name.startsWith("sock_") || name.equals("poll_oneoff")) {
        set.add(DESC);
      }
      if (name.startsWith("clock_") || name.equals("poll_oneoff")) {
        set.add(CLOCK);
      }
      if (name.startsWith("proc_")
          || name.startsWith("args_")
          || name.startsWith("environ_")
          || name.equals("sched_yield")) {
        set.add(PROCESS);
      }
      if (name.equals("random_get")) {
        set.add(RANDOM);
      }
      if (name.startsWith("sock_")) {
        set.add(NET);
      }
      return Set.copyOf(set);
    }
  }
}
