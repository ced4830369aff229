package dev.wasitrace.cli.net;

import dev.wasitrace.cli.CliProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code wasitrace run} in its own JVM, for guests that serve: the test reads the guest's stdout
 * line by line while it runs (its first line says where it listens) and talks to it.
 */
final class GuestProcess implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread outReader;
  private final Thread errReader;
  private boolean outDone;

  private GuestProcess(Process process) {
    this.process = process;
    this.outReader = new Thread(this::readOut, "guest-stdout");
    this.errReader = new Thread(() -> copy(process.getErrorStream(), stderr), "guest-stderr");
    outReader.setDaemon(true);
    errReader.setDaemon(true);
    outReader.start();
    errReader.start();
  }

  /** Starts {@code wasitrace run MODULE ARGS...} against the registry at home. */
  static GuestProcess run(Path home, Path module, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("run");
    command.add(module.toString());
    command.addAll(List.of(args));
    Process process =
        CliProcess.builder(home, command.toArray(String[]::new))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new GuestProcess(process);
  }

  private void readOut() {
    InputStream in = process.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        synchronized (this) {
          stdout.write(b);
          if (b == '\n') {
            lines.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
            notifyAll();
          } else {
            line.write(b);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      synchronized (this) {
        outDone = true;
        notifyAll();
      }
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /** Waits (up to a minute) for stdout line number index (from 0). */
  synchronized String awaitLine(int index) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (lines.size() <= index && !outDone) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (lines.size() <= index) {
      throw new AssertionError(
          "guest printed no line " + index + "; stdout so far:\n" + stdout() + "stderr:\n" + err());
    }
    return lines.get(index);
  }

  /** The port in a first line "listening on 127.0.0.1:PORT". */
  int awaitListeningPort() throws InterruptedException {
    String first = awaitLine(0);
    if (!first.startsWith("listening on 127.0.0.1:")) {
      throw new AssertionError("unexpected first line: " + first + "\nstderr:\n" + err());
    }
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  /** Waits (up to a minute) for the run to end; its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "guest still running after " + WAIT_SECONDS + " s; stdout:\n" + stdout() + err());
    }
    outReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    errReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    return process.exitValue();
  }

  synchronized String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String err() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** The process ID: the first line run prints on stderr. */
  String processId() {
    String err = err();
    int newline = err.indexOf('\n');
    return newline < 0 ? err : err.substring(0, newline);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
