package dev.wasitrace.recorder;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.recorder.fs.SandboxFiles;
import dev.wasitrace.recorder.net.NetworkPolicy;
import dev.wasitrace.recorder.net.SocketHost;
import dev.wasitrace.recorder.net.SocketInfo;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;
import run.endive.wasi.DescriptorTable;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiPreview1;

/**
 * The real host: Endive's {@link WasiPreview1} for descriptors, clocks, args, environment and
 * random, {@link SandboxFiles} for every call that names a path (resolved beneath its directory
 * descriptor) and for directory listings, {@link SocketHost} for sockets; each called with whatever
 * memory the layers above hand in (so they can observe its writes). Guest pointer faults become
 * EFAULT, never a crash of the host.
 */
public final class EndiveWasiHost implements WasiHost, AutoCloseable {
  private final WasiPreview1 wasi;
  private final SandboxFiles files;
  private final SocketHost sockets;

  public EndiveWasiHost(WasiPreview1 wasi, NetworkPolicy policy) {
    this.wasi = requireNonNull(wasi);
    DescriptorTable descriptors = new DescriptorTable(wasi);
    this.files = new SandboxFiles(descriptors);
    this.sockets = new SocketHost(descriptors, policy);
  }

  @Override
  public void close() {
    sockets.close();
    files.close();
  }

  @Override
  public SocketInfo socketInfo(int fd) {
    return sockets.info(fd);
  }

  @Override
  public int call(WasiFunction function, Memory memory, long[] args) {
    try {
      if (isForSockets(function, memory, args)) {
        return sockets.call(function, memory, args);
      }
      return dispatch(function, memory, args);
    } catch (WasiExitException e) {
      throw e;
    } catch (WasmRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      // Endive's memory refuses accesses outside the guest's memory.
      return Errno.EFAULT;
    }
  }

  /**
   * Socket functions, descriptor calls on a socket, and polls that watch a socket go to the socket
   * layer; everything else to Endive.
   */
  private boolean isForSockets(WasiFunction function, Memory memory, long[] args) {
    if (function.isSocketCall()) {
      return true;
    }
    if (function == WasiFunction.POLL_ONEOFF) {
      return sockets.pollInvolvesSockets(memory, args);
    }
    return function.isDescriptorCall() && sockets.isSocket((int) args[0]);
  }

  private int dispatch(WasiFunction function, Memory memory, long[] args) {
    return switch (function) {
      case ARGS_GET -> wasi.argsGet(memory, (int) args[0], (int) args[1]);
      case ARGS_SIZES_GET -> wasi.argsSizesGet(memory, (int) args[0], (int) args[1]);
      case CLOCK_RES_GET -> wasi.clockResGet(memory, (int) args[0], (int) args[1]);
      case CLOCK_TIME_GET -> wasi.clockTimeGet(memory, (int) args[0], args[1], (int) args[2]);
      case ENVIRON_GET -> wasi.environGet(memory, (int) args[0], (int) args[1]);
      case ENVIRON_SIZES_GET -> wasi.environSizesGet(memory, (int) args[0], (int) args[1]);
      case FD_ADVISE -> wasi.fdAdvise((int) args[0], args[1], args[2], (int) args[3]);
      case FD_ALLOCATE -> wasi.fdAllocate((int) args[0], args[1], args[2]);
      case FD_CLOSE -> {
        int errno = wasi.fdClose((int) args[0]);
        if (errno == Errno.SUCCESS) {
          files.closed((int) args[0]);
        }
        yield errno;
      }
      case FD_DATASYNC -> files.fdSync((int) args[0], false, () -> wasi.fdDatasync((int) args[0]));
      case FD_FDSTAT_GET -> {
        int errno = wasi.fdFdstatGet(memory, (int) args[0], (int) args[1]);
        if (errno == Errno.SUCCESS) {
          files.reportNarrowedRights(memory, (int) args[0], (int) args[1]);
        }
        yield errno;
      }
      case FD_FDSTAT_SET_FLAGS -> files.fdFdstatSetFlags((int) args[0], (int) args[1]);
      case FD_FDSTAT_SET_RIGHTS -> files.fdFdstatSetRights((int) args[0], args[1], args[2]);
      case FD_FILESTAT_GET -> wasi.fdFilestatGet(memory, (int) args[0], (int) args[1]);
      case FD_FILESTAT_SET_SIZE -> wasi.fdFilestatSetSize((int) args[0], args[1]);
      case FD_FILESTAT_SET_TIMES ->
          wasi.fdFilestatSetTimes((int) args[0], args[1], args[2], (int) args[3]);
      case FD_PREAD ->
          !files.mayRead((int) args[0])
              ? Errno.ENOTCAPABLE
              : wasi.fdPread(
                  memory, (int) args[0], (int) args[1], (int) args[2], args[3], (int) args[4]);
      case FD_PRESTAT_DIR_NAME ->
          wasi.fdPrestatDirName(memory, (int) args[0], (int) args[1], (int) args[2]);
      case FD_PRESTAT_GET -> wasi.fdPrestatGet(memory, (int) args[0], (int) args[1]);
      case FD_PWRITE ->
          !files.mayWrite((int) args[0])
              ? Errno.ENOTCAPABLE
              : files.positionalWrite(
                  (int) args[0],
                  args[3],
                  offset ->
                      wasi.fdPwrite(
                          memory,
                          (int) args[0],
                          (int) args[1],
                          (int) args[2],
                          offset,
                          (int) args[4]));
      case FD_READ ->
          !files.mayRead((int) args[0])
              ? Errno.ENOTCAPABLE
              : wasi.fdRead(memory, (int) args[0], (int) args[1], (int) args[2], (int) args[3]);
      case FD_READDIR ->
          files.fdReaddir(
              memory, (int) args[0], (int) args[1], (int) args[2], args[3], (int) args[4]);
      case FD_RENUMBER -> {
        int errno = wasi.fdRenumber((int) args[0], (int) args[1]);
        if (errno == Errno.SUCCESS) {
          files.renumbered((int) args[0], (int) args[1]);
        }
        yield errno;
      }
      case FD_SEEK -> wasi.fdSeek(memory, (int) args[0], args[1], (int) args[2], (int) args[3]);
      case FD_SYNC -> files.fdSync((int) args[0], true, () -> wasi.fdSync((int) args[0]));
      case FD_TELL -> wasi.fdTell(memory, (int) args[0], (int) args[1]);
      case FD_WRITE -> {
        if (!files.mayWrite((int) args[0])) {
          yield Errno.ENOTCAPABLE;
        }
        files.beforeWrite((int) args[0]);
        yield wasi.fdWrite(memory, (int) args[0], (int) args[1], (int) args[2], (int) args[3]);
      }
      case PATH_CREATE_DIRECTORY ->
          files.pathCreateDirectory((int) args[0], memory.readString((int) args[1], (int) args[2]));
      case PATH_FILESTAT_GET ->
          files.pathFilestatGet(
              memory,
              (int) args[0],
              (int) args[1],
              memory.readString((int) args[2], (int) args[3]),
              (int) args[4]);
      case PATH_FILESTAT_SET_TIMES ->
          files.pathFilestatSetTimes(
              (int) args[0],
              (int) args[1],
              memory.readString((int) args[2], (int) args[3]),
              args[4],
              args[5],
              (int) args[6]);
      case PATH_LINK ->
          files.pathLink(
              (int) args[0],
              (int) args[1],
              memory.readString((int) args[2], (int) args[3]),
              (int) args[4],
              memory.readString((int) args[5], (int) args[6]));
      case PATH_OPEN ->
          files.pathOpen(
              memory,
              (int) args[0],
              (int) args[1],
              memory.readString((int) args[2], (int) args[3]),
              (int) args[4],
              args[5],
              args[6],
              (int) args[7],
              (int) args[8]);
      case PATH_READLINK ->
          files.pathReadlink(
              memory,
              (int) args[0],
              memory.readString((int) args[1], (int) args[2]),
              (int) args[3],
              (int) args[4],
              (int) args[5]);
      case PATH_REMOVE_DIRECTORY ->
          files.pathRemoveDirectory((int) args[0], memory.readString((int) args[1], (int) args[2]));
      case PATH_RENAME ->
          files.pathRename(
              (int) args[0],
              memory.readString((int) args[1], (int) args[2]),
              (int) args[3],
              memory.readString((int) args[4], (int) args[5]));
      case PATH_SYMLINK ->
          files.pathSymlink(
              memory.readString((int) args[0], (int) args[1]),
              (int) args[2],
              memory.readString((int) args[3], (int) args[4]));
      case PATH_UNLINK_FILE ->
          files.pathUnlinkFile((int) args[0], memory.readString((int) args[1], (int) args[2]));
      case POLL_ONEOFF ->
          wasi.pollOneoff(memory, (int) args[0], (int) args[1], (int) args[2], (int) args[3]);
      case PROC_EXIT -> {
        wasi.procExit((int) args[0]);
        yield 0;
      }
      // Endive traps on proc_raise; signals are not supported, say so with an errno.
      case PROC_RAISE -> Errno.ENOSYS;
      case RANDOM_GET -> wasi.randomGet(memory, (int) args[0], (int) args[1]);
      case SCHED_YIELD -> wasi.schedYield();
      default -> throw new IllegalStateException(function + " belongs to the socket layer");
    };
  }
}
