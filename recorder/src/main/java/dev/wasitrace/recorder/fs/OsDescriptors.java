package dev.wasitrace.recorder.fs;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of the operating-system descriptor behind a {@link FileChannel}, and the path that
 * names it ({@code /proc/self/fd/N}). The JDK has no public way to either, so this is the one place
 * that reaches into its internals ({@code sun.nio.ch}, opened by {@code
 * --add-opens=java.base/sun.nio.ch=ALL-UNNAMED}). Where that is not possible (not Linux, or the
 * package is not opened) {@link #available()} says so and the sandbox names files by their paths.
 */
public final class OsDescriptors {
  private static final Path PROC_FDS = Path.of("/proc/self/fd");
  private static final Field CHANNEL_FD;
  private static final Method FD_VALUE;
  private static final String UNAVAILABLE;

  static {
    Field channelFd = null;
    Method fdValue = null;
    String reason = null;
    try {
      if (!Files.isDirectory(PROC_FDS)) {
        reason = "no /proc/self/fd";
      } else {
        channelFd = Class.forName("sun.nio.ch.FileChannelImpl").getDeclaredField("fd");
        channelFd.setAccessible(true);
        fdValue =
            Class.forName("sun.nio.ch.IOUtil").getDeclaredMethod("fdVal", FileDescriptor.class);
        fdValue.setAccessible(true);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      channelFd = null;
      fdValue = null;
      reason =
          "the JDK's sun.nio.ch is not open to wasitrace (" + e.getClass().getSimpleName() + ")";
    }
    CHANNEL_FD = channelFd;
    FD_VALUE = fdValue;
    UNAVAILABLE = reason;
  }

  private OsDescriptors() {}

  /** Whether channels' descriptors can be named here. */
  public static boolean available() {
    return UNAVAILABLE == null;
  }

  /** Why they cannot, or null. */
  public static String unavailableReason() {
    return UNAVAILABLE;
  }

  /**
   * A path the kernel resolves to the very file the channel has open, whatever happened to the
   * names that led to it since.
   */
  static Path pathOf(FileChannel channel) {
    try {
      FileDescriptor fd = (FileDescriptor) CHANNEL_FD.get(channel);
      return PROC_FDS.resolve(Integer.toString((int) FD_VALUE.invoke(null, fd)));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported JDK: " + e, e);
    }
  }
}
