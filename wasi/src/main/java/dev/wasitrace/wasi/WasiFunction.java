package dev.wasitrace.wasi;

import static dev.wasitrace.wasi.WasiParam.dataOut;
import static dev.wasitrace.wasi.WasiParam.fd;
import static dev.wasitrace.wasi.WasiParam.in;
import static dev.wasitrace.wasi.WasiParam.iovsIn;
import static dev.wasitrace.wasi.WasiParam.iovsOut;
import static dev.wasitrace.wasi.WasiParam.length;
import static dev.wasitrace.wasi.WasiParam.out;
import static dev.wasitrace.wasi.WasiParam.path;
import static dev.wasitrace.wasi.WasiParam.path2;
import static dev.wasitrace.wasi.WasiParam.result;
import static dev.wasitrace.wasi.WasiParam.result64;
import static dev.wasitrace.wasi.WasiParam.string;
import static dev.wasitrace.wasi.WasiParam.u32;
import static dev.wasitrace.wasi.WasiParam.u64;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * Every WASI preview1 function wasitrace provides, declared once: its import name and its
 * parameters (name, wasm type, role); its signature, its trace classes and where its descriptor,
 * paths, data and result live are derived from that. The ordinal is the function's id in the log's
 * dictionary, so new functions go at the end.
 */
public enum WasiFunction {
  ARGS_GET("args_get", out("argv"), out("argv_buf")),
  ARGS_SIZES_GET("args_sizes_get", result("argc"), out("argv_buf_size")),
  CLOCK_RES_GET("clock_res_get", u32("id"), result64("resolution")),
  CLOCK_TIME_GET("clock_time_get", u32("id"), u64("precision"), result64("time")),
  ENVIRON_GET("environ_get", out("environ"), out("environ_buf")),
  ENVIRON_SIZES_GET("environ_sizes_get", result("environc"), out("environ_buf_size")),
  FD_ADVISE("fd_advise", fd("fd"), u64("offset"), u64("len"), u32("advice")),
  FD_ALLOCATE("fd_allocate", fd("fd"), u64("offset"), u64("len")),
  FD_CLOSE("fd_close", fd("fd")),
  FD_DATASYNC("fd_datasync", fd("fd")),
  FD_FDSTAT_GET("fd_fdstat_get", fd("fd"), out("stat")),
  FD_FDSTAT_SET_FLAGS("fd_fdstat_set_flags", fd("fd"), u32("flags")),
  FD_FDSTAT_SET_RIGHTS(
      "fd_fdstat_set_rights", fd("fd"), u64("fs_rights_base"), u64("fs_rights_inheriting")),
  FD_FILESTAT_GET("fd_filestat_get", fd("fd"), out("buf")),
  FD_FILESTAT_SET_SIZE("fd_filestat_set_size", fd("fd"), u64("size")),
  FD_FILESTAT_SET_TIMES(
      "fd_filestat_set_times", fd("fd"), u64("atim"), u64("mtim"), u32("fst_flags")),
  FD_PREAD(
      "fd_pread", fd("fd"), iovsOut("iovs"), length("iovs_len"), u64("offset"), result("nread")),
  FD_PRESTAT_DIR_NAME("fd_prestat_dir_name", fd("fd"), out("path"), length("path_len")),
  FD_PRESTAT_GET("fd_prestat_get", fd("fd"), out("buf")),
  FD_PWRITE(
      "fd_pwrite", fd("fd"), iovsIn("iovs"), length("iovs_len"), u64("offset"), result("nwritten")),
  FD_READ("fd_read", fd("fd"), iovsOut("iovs"), length("iovs_len"), result("nread")),
  FD_READDIR("fd_readdir", fd("fd"), out("buf"), length("buf_len"), u64("cookie"), out("bufused")),
  FD_RENUMBER("fd_renumber", fd("fd"), fd("to")),
  FD_SEEK("fd_seek", fd("fd"), u64("offset"), u32("whence"), result64("newoffset")),
  FD_SYNC("fd_sync", fd("fd")),
  FD_TELL("fd_tell", fd("fd"), result64("offset")),
  FD_WRITE("fd_write", fd("fd"), iovsIn("iovs"), length("iovs_len"), result("nwritten")),
  PATH_CREATE_DIRECTORY("path_create_directory", fd("fd"), path("path"), length("path_len")),
  PATH_FILESTAT_GET(
      "path_filestat_get", fd("fd"), u32("flags"), path("path"), length("path_len"), out("buf")),
  PATH_FILESTAT_SET_TIMES(
      "path_filestat_set_times",
      fd("fd"),
      u32("flags"),
      path("path"),
      length("path_len"),
      u64("atim"),
      u64("mtim"),
      u32("fst_flags")),
  PATH_LINK(
      "path_link",
      fd("old_fd"),
      u32("old_flags"),
      path("old_path"),
      length("old_path_len"),
      fd("new_fd"),
      path2("new_path"),
      length("new_path_len")),
  PATH_OPEN(
      "path_open",
      fd("fd"),
      u32("dirflags"),
      path("path"),
      length("path_len"),
      u32("oflags"),
      u64("fs_rights_base"),
      u64("fs_rights_inheriting"),
      u32("fdflags"),
      result("opened_fd")),
  PATH_READLINK(
      "path_readlink",
      fd("fd"),
      path("path"),
      length("path_len"),
      out("buf"),
      length("buf_len"),
      out("bufused")),
  PATH_REMOVE_DIRECTORY("path_remove_directory", fd("fd"), path("path"), length("path_len")),
  PATH_RENAME(
      "path_rename",
      fd("fd"),
      path("old_path"),
      length("old_path_len"),
      fd("new_fd"),
      path2("new_path"),
      length("new_path_len")),
  PATH_SYMLINK(
      "path_symlink",
      path2("old_path"),
      length("old_path_len"),
      fd("fd"),
      path("new_path"),
      length("new_path_len")),
  PATH_UNLINK_FILE("path_unlink_file", fd("fd"), path("path"), length("path_len")),
  POLL_ONEOFF("poll_oneoff", in("in"), out("out"), u32("nsubscriptions"), result("nevents")),
  PROC_EXIT("proc_exit", u32("rval")),
  PROC_RAISE("proc_raise", u32("sig")),
  RANDOM_GET("random_get", dataOut("buf"), length("buf_len")),
  SCHED_YIELD("sched_yield"),
  SOCK_ACCEPT("sock_accept", fd("fd"), u32("flags"), result("ro_fd")),
  SOCK_RECV(
      "sock_recv",
      fd("fd"),
      iovsOut("ri_data"),
      length("ri_data_len"),
      u32("ri_flags"),
      result("ro_datalen"),
      out("ro_flags")),
  SOCK_SEND(
      "sock_send",
      fd("fd"),
      iovsIn("si_data"),
      length("si_data_len"),
      u32("si_flags"),
      result("so_datalen")),
  SOCK_SHUTDOWN("sock_shutdown", fd("fd"), u32("how")),
  // The WasmEdge socket extension (v2 signatures; v1 variants follow, see Variant).
  SOCK_OPEN("sock_open", u32("af"), u32("socktype"), result("ro_fd")),
  SOCK_BIND("sock_bind", fd("fd"), in("addr"), u32("port")),
  SOCK_CONNECT("sock_connect", fd("fd"), in("addr"), u32("port")),
  SOCK_LISTEN("sock_listen", fd("fd"), u32("backlog")),
  SOCK_SEND_TO(
      "sock_send_to",
      fd("fd"),
      iovsIn("si_data"),
      length("si_data_len"),
      in("addr"),
      u32("port"),
      u32("si_flags"),
      result("so_datalen")),
  SOCK_RECV_FROM(
      "sock_recv_from",
      fd("fd"),
      iovsOut("ri_data"),
      length("ri_data_len"),
      out("addr"),
      u32("ri_flags"),
      out("port"),
      result("ro_datalen"),
      out("ro_flags")),
  SOCK_GETSOCKOPT(
      "sock_getsockopt", fd("fd"), u32("level"), u32("name"), out("flag"), out("flag_size")),
  SOCK_SETSOCKOPT(
      "sock_setsockopt", fd("fd"), u32("level"), u32("name"), in("flag"), length("flag_size")),
  SOCK_GETLOCALADDR("sock_getlocaladdr", fd("fd"), out("addr"), out("port")),
  SOCK_GETPEERADDR("sock_getpeeraddr", fd("fd"), out("addr"), out("port")),
  SOCK_GETADDRINFO(
      "sock_getaddrinfo",
      string("node"),
      length("node_len"),
      string("service"),
      length("service_len"),
      in("hints"),
      out("res"),
      u32("max_res_len"),
      out("res_len")),
  SOCK_ACCEPT_V1("sock_accept", Variant.WASMEDGE_V1, fd("fd"), result("ro_fd")),
  SOCK_RECV_FROM_V1(
      "sock_recv_from",
      Variant.WASMEDGE_V1,
      fd("fd"),
      iovsOut("ri_data"),
      length("ri_data_len"),
      out("addr"),
      u32("ri_flags"),
      result("ro_datalen"),
      out("ro_flags")),
  SOCK_GETLOCALADDR_V1(
      "sock_getlocaladdr",
      Variant.WASMEDGE_V1,
      fd("fd"),
      out("addr"),
      out("addr_type"),
      out("port")),
  SOCK_GETPEERADDR_V1(
      "sock_getpeeraddr",
      Variant.WASMEDGE_V1,
      fd("fd"),
      out("addr"),
      out("addr_type"),
      out("port"));

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
  private final List<WasiParam> params;
  private final List<String> paramNames;
  private final Set<TraceClass> classes;
  private final boolean socketCall;
  private final boolean descriptorCall;
  // Derived from the parameters' roles once: the recorder asks at every call.
  private final int fdParam;
  private final int pathParam;
  private final int secondPathParam;
  private final int resultParam;
  private final int resultBytes;
  private final int iovsInParam;
  private final int iovsOutParam;
  private final int dataOutParam;
  private final boolean writesOtherOutputs;

  WasiFunction(String wasiName, WasiParam... params) {
    this(wasiName, Variant.STANDARD, params);
  }

  WasiFunction(String wasiName, Variant variant, WasiParam... params) {
    this.wasiName = wasiName;
    this.variant = variant;
    this.params = List.of(params);
    this.paramNames = this.params.stream().map(WasiParam::name).toList();
    this.classes = TraceClass.of(wasiName);
    this.socketCall = wasiName.startsWith("sock_");
    this.descriptorCall = wasiName.startsWith("fd_");
    this.fdParam = indexOf(params, WasiParam.Role.FD);
    this.pathParam = indexOf(params, WasiParam.Role.PATH);
    this.secondPathParam = indexOf(params, WasiParam.Role.PATH2);
    int result32 = indexOf(params, WasiParam.Role.RESULT);
    int result64 = indexOf(params, WasiParam.Role.RESULT64);
    this.resultParam = result32 >= 0 ? result32 : result64;
    this.resultBytes = result64 >= 0 ? 8 : 4;
    this.iovsOutParam = indexOf(params, WasiParam.Role.IOVS_OUT);
    this.dataOutParam = indexOf(params, WasiParam.Role.DATA_OUT);
    this.iovsInParam = indexOf(params, WasiParam.Role.IOVS_IN);
    this.writesOtherOutputs = indexOf(params, WasiParam.Role.OUT) >= 0;
  }

  private static int indexOf(WasiParam[] params, WasiParam.Role role) {
    for (int i = 0; i < params.length; i++) {
      if (params[i].role() == role) {
        return i;
      }
    }
    return -1;
  }

  /** A sock_* function. */
  public boolean isSocketCall() {
    return socketCall;
  }

  /** An fd_* function: on a socket descriptor it goes to the socket layer. */
  public boolean isDescriptorCall() {
    return descriptorCall;
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

  public List<WasiParam> params() {
    return params;
  }

  public int paramCount() {
    return params.size();
  }

  public List<String> paramNames() {
    return paramNames;
  }

  public FunctionType type() {
    return FunctionType.of(
        params.stream().map(WasiParam::type).toList(),
        this == PROC_EXIT ? List.of() : List.of(ValType.I32));
  }

  public Set<TraceClass> classes() {
    return classes;
  }

  /** The parameter holding the call's descriptor (the log's {@code fd}), or -1. */
  public int fdParam() {
    return fdParam;
  }

  /** The parameter pointing at the path the log keeps as {@code path} (length next), or -1. */
  public int pathParam() {
    return pathParam;
  }

  /** The parameter pointing at the call's second path (length next), or -1. */
  public int secondPathParam() {
    return secondPathParam;
  }

  /** The out-pointer receiving the call's result, or -1. */
  public int resultParam() {
    return resultParam;
  }

  /** The width of the result in memory: 8 for offsets and times, else 4. */
  public int resultBytes() {
    return resultBytes;
  }

  /** The iovecs whose bytes the host takes (their count next), or -1. */
  public int iovsInParam() {
    return iovsInParam;
  }

  /** The iovecs the host fills with the bytes read (their count next), or -1. */
  public int iovsOutParam() {
    return iovsOutParam;
  }

  /** The buffer the host fills with the call's data (its length next), or -1. */
  public int dataOutParam() {
    return dataOutParam;
  }

  /** Functions whose bulk memory writes are the bytes read (stored as the data column). */
  public boolean readsData() {
    return iovsOutParam >= 0 || dataOutParam >= 0;
  }

  /** Functions that send the bytes of their iovecs (stored as the data column). */
  public boolean writesData() {
    return iovsInParam >= 0;
  }

  /**
   * Whether a successful call writes nothing but its result and the bytes it reads, which replay
   * can derive again (see StandardOutputs).
   */
  public boolean hasStandardOutputs() {
    return !writesOtherOutputs && (resultParam >= 0 || dataOutParam >= 0);
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
