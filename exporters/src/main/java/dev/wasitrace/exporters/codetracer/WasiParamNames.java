package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.recorder.WasiFunction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The parameter names of every WASI function, as the preview1 witx and the WasmEdge socket
 * extension spell them, for the outline's declarations and the names of call arguments.
 */
final class WasiParamNames {
  private static final Map<WasiFunction, List<String>> NAMES = new EnumMap<>(WasiFunction.class);

  static {
    put(WasiFunction.ARGS_GET, "argv", "argv_buf");
    put(WasiFunction.ARGS_SIZES_GET, "argc", "argv_buf_size");
    put(WasiFunction.CLOCK_RES_GET, "id", "resolution");
    put(WasiFunction.CLOCK_TIME_GET, "id", "precision", "time");
    put(WasiFunction.ENVIRON_GET, "environ", "environ_buf");
    put(WasiFunction.ENVIRON_SIZES_GET, "environc", "environ_buf_size");
    put(WasiFunction.FD_ADVISE, "fd", "offset", "len", "advice");
    put(WasiFunction.FD_ALLOCATE, "fd", "offset", "len");
    put(WasiFunction.FD_CLOSE, "fd");
    put(WasiFunction.FD_DATASYNC, "fd");
    put(WasiFunction.FD_FDSTAT_GET, "fd", "stat");
    put(WasiFunction.FD_FDSTAT_SET_FLAGS, "fd", "flags");
    put(WasiFunction.FD_FDSTAT_SET_RIGHTS, "fd", "fs_rights_base", "fs_rights_inheriting");
    put(WasiFunction.FD_FILESTAT_GET, "fd", "buf");
    put(WasiFunction.FD_FILESTAT_SET_SIZE, "fd", "size");
    put(WasiFunction.FD_FILESTAT_SET_TIMES, "fd", "atim", "mtim", "fst_flags");
    put(WasiFunction.FD_PREAD, "fd", "iovs", "iovs_len", "offset", "nread");
    put(WasiFunction.FD_PRESTAT_DIR_NAME, "fd", "path", "path_len");
    put(WasiFunction.FD_PRESTAT_GET, "fd", "buf");
    put(WasiFunction.FD_PWRITE, "fd", "iovs", "iovs_len", "offset", "nwritten");
    put(WasiFunction.FD_READ, "fd", "iovs", "iovs_len", "nread");
    put(WasiFunction.FD_READDIR, "fd", "buf", "buf_len", "cookie", "bufused");
    put(WasiFunction.FD_RENUMBER, "fd", "to");
    put(WasiFunction.FD_SEEK, "fd", "offset", "whence", "newoffset");
    put(WasiFunction.FD_SYNC, "fd");
    put(WasiFunction.FD_TELL, "fd", "offset");
    put(WasiFunction.FD_WRITE, "fd", "iovs", "iovs_len", "nwritten");
    put(WasiFunction.PATH_CREATE_DIRECTORY, "fd", "path", "path_len");
    put(WasiFunction.PATH_FILESTAT_GET, "fd", "flags", "path", "path_len", "buf");
    put(
        WasiFunction.PATH_FILESTAT_SET_TIMES,
        "fd",
        "flags",
        "path",
        "path_len",
        "atim",
        "mtim",
        "fst_flags");
    put(
        WasiFunction.PATH_LINK,
        "old_fd",
        "old_flags",
        "old_path",
        "old_path_len",
        "new_fd",
        "new_path",
        "new_path_len");
    put(
        WasiFunction.PATH_OPEN,
        "fd",
        "dirflags",
        "path",
        "path_len",
        "oflags",
        "fs_rights_base",
        "fs_rights_inheriting",
        "fdflags",
        "opened_fd");
    put(WasiFunction.PATH_READLINK, "fd", "path", "path_len", "buf", "buf_len", "bufused");
    put(WasiFunction.PATH_REMOVE_DIRECTORY, "fd", "path", "path_len");
    put(
        WasiFunction.PATH_RENAME,
        "fd",
        "old_path",
        "old_path_len",
        "new_fd",
        "new_path",
        "new_path_len");
    put(WasiFunction.PATH_SYMLINK, "old_path", "old_path_len", "fd", "new_path", "new_path_len");
    put(WasiFunction.PATH_UNLINK_FILE, "fd", "path", "path_len");
    put(WasiFunction.POLL_ONEOFF, "in", "out", "nsubscriptions", "nevents");
    put(WasiFunction.PROC_EXIT, "rval");
    put(WasiFunction.PROC_RAISE, "sig");
    put(WasiFunction.RANDOM_GET, "buf", "buf_len");
    put(WasiFunction.SCHED_YIELD);
    put(WasiFunction.SOCK_ACCEPT, "fd", "flags", "ro_fd");
    put(
        WasiFunction.SOCK_RECV,
        "fd",
        "ri_data",
        "ri_data_len",
        "ri_flags",
        "ro_datalen",
        "ro_flags");
    put(WasiFunction.SOCK_SEND, "fd", "si_data", "si_data_len", "si_flags", "so_datalen");
    put(WasiFunction.SOCK_SHUTDOWN, "fd", "how");
    put(WasiFunction.SOCK_OPEN, "af", "socktype", "ro_fd");
    put(WasiFunction.SOCK_BIND, "fd", "addr", "port");
    put(WasiFunction.SOCK_CONNECT, "fd", "addr", "port");
    put(WasiFunction.SOCK_LISTEN, "fd", "backlog");
    put(
        WasiFunction.SOCK_SEND_TO,
        "fd",
        "si_data",
        "si_data_len",
        "addr",
        "port",
        "si_flags",
        "so_datalen");
    put(
        WasiFunction.SOCK_RECV_FROM,
        "fd",
        "ri_data",
        "ri_data_len",
        "addr",
        "ri_flags",
        "port",
        "ro_datalen",
        "ro_flags");
    put(WasiFunction.SOCK_GETSOCKOPT, "fd", "level", "name", "flag", "flag_size");
    put(WasiFunction.SOCK_SETSOCKOPT, "fd", "level", "name", "flag", "flag_size");
    put(WasiFunction.SOCK_GETLOCALADDR, "fd", "addr", "port");
    put(WasiFunction.SOCK_GETPEERADDR, "fd", "addr", "port");
    put(
        WasiFunction.SOCK_GETADDRINFO,
        "node",
        "node_len",
        "service",
        "service_len",
        "hints",
        "res",
        "max_res_len",
        "res_len");
    put(WasiFunction.SOCK_ACCEPT_V1, "fd", "ro_fd");
    put(
        WasiFunction.SOCK_RECV_FROM_V1,
        "fd",
        "ri_data",
        "ri_data_len",
        "addr",
        "ri_flags",
        "ro_datalen",
        "ro_flags");
    put(WasiFunction.SOCK_GETLOCALADDR_V1, "fd", "addr", "addr_type", "port");
    put(WasiFunction.SOCK_GETPEERADDR_V1, "fd", "addr", "addr_type", "port");
  }

  private WasiParamNames() {}

  private static void put(WasiFunction function, String... names) {
    if (names.length != function.paramCount()) {
      throw new AssertionError(function + " has " + function.paramCount() + " parameters");
    }
    NAMES.put(function, List.of(names));
  }

  /** The function's parameter names, or p0, p1, … for one added after this table. */
  static List<String> of(WasiFunction function) {
    List<String> names = NAMES.get(function);
    if (names != null) {
      return names;
    }
    return IntStream.range(0, function.paramCount()).mapToObj(i -> "p" + i).toList();
  }
}
