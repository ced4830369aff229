package dev.wasitrace.recorder.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directories {@link Beneath} walked through lately, held open, so a walk through the same
 * directories again costs one lstat per component instead of an open, a stat and a close. A held
 * directory is used again only while the name still leads to it: the walk's lstat of the name must
 * show the same device and inode, so reuse is as safe as opening it anew at that moment.
 */
final class DirectoryCache implements Closeable {
  /** Directories held at most (each one descriptor). */
  static final int CAPACITY = 64;

  private record Key(DirectoryHandle parent, String name) {}

  private final Map<Key, DirectoryHandle> held = new LinkedHashMap<>(16, 0.75f, true);
  // Dropped from the map but maybe still in use by the call going on; closed by trim().
  private final List<DirectoryHandle> dropped = new ArrayList<>();

  /** The directory called name in parent, whose lstat just gave attributes. */
  DirectoryHandle child(DirectoryHandle parent, String name, BasicFileAttributes attributes)
      throws IOException {
    Key key = new Key(parent, name);
    DirectoryHandle cached = held.get(key);
    if (cached != null && cached.isSame(attributes)) {
      return cached;
    }
    DirectoryHandle opened = parent.openChild(name);
    if (cached != null) {
      dropped.add(cached);
    }
    held.put(key, opened);
    if (held.size() > CAPACITY) {
      Iterator<DirectoryHandle> eldest = held.values().iterator();
      dropped.add(eldest.next());
      eldest.remove();
    }
    return opened;
  }

  /** Closes what was dropped; called before a call resolves its paths, when none is in use. */
  void trim() {
    for (DirectoryHandle handle : dropped) {
      closeQuietly(handle);
    }
    dropped.clear();
  }

  @Override
  public void close() {
    trim();
    for (DirectoryHandle handle : held.values()) {
      closeQuietly(handle);
    }
    held.clear();
  }

  private static void closeQuietly(DirectoryHandle handle) {
    try {
      handle.close();
    } catch (IOException e) {
      // A directory held for reading: nothing to lose.
    }
  }
}
