package com.dylibso.chicory.wasi;

import static java.util.Objects.requireNonNull;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the files and directories the sandbox opens into Chicory's descriptor table, so Chicory's
 * own fd_* functions serve them. Lives in Chicory's package to reach the (package-private) table.
 * The path a descriptor carries is the one Chicory stats and sets times through: the sandbox gives
 * one that names the open file itself.
 */
public final class FileDescriptors {
  private final Descriptors descriptors;

  public FileDescriptors(WasiPreview1 wasi) {
    this.descriptors = SocketDescriptors.descriptorsOf(requireNonNull(wasi));
  }

  /** A preopened directory: its descriptor and the host path it was given. */
  public record Preopen(int fd, Path path) {}

  public List<Preopen> preopens() {
    List<Preopen> preopens = new ArrayList<>();
    for (int fd = 0; descriptors.get(fd) != null || fd < 3; fd++) {
      if (descriptors.get(fd) instanceof Descriptors.PreopenedDirectory preopen) {
        preopens.add(new Preopen(fd, preopen.path()));
      }
    }
    return preopens;
  }

  /** Makes Chicory reach the preopen at fd through path from now on (same guest name). */
  public void rebindPreopen(int fd, Path path) {
    var preopen = (Descriptors.PreopenedDirectory) descriptors.get(fd);
    descriptors.set(fd, new Descriptors.PreopenedDirectory(preopen.name(), path));
  }

  public boolean isOpen(int fd) {
    return descriptors.get(fd) != null;
  }

  public int allocateFile(Path path, FileChannel channel, int fdFlags, long rights) {
    return descriptors.allocate(new Descriptors.OpenFile(path, channel, fdFlags, rights));
  }

  public int allocateDirectory(Path path) {
    return descriptors.allocate(new Descriptors.OpenDirectory(path));
  }
}
