package dev.wasitrace.cli;

import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.analyzer.LogLoad;
import dev.wasitrace.analyzer.RecordedProcess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How loading logs shows on stderr: a progress bar (MiB of log read, logs done) when stderr is a
 * terminal and there is more than a moment's work, nothing otherwise; then the warnings, one line
 * each, once the bar is gone.
 */
final class LoadProgress implements LoadListener, AutoCloseable {
  /** Below this many bytes and logs, loading is over too fast for a bar to help. */
  private static final long BAR_MIN_BYTES = 16L << 20;

  private static final int BAR_MIN_LOGS = 50;

  private final PrintStream err;
  private final boolean terminal;
  private final List<String> warnings = new ArrayList<>();
  private final AtomicInteger loaded = new AtomicInteger();
  private volatile ProgressBar bar;
  private int logs;

  LoadProgress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void starting(int logs, long bytes) {
    this.logs = logs;
    if (terminal && (logs >= BAR_MIN_LOGS || bytes >= BAR_MIN_BYTES)) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("Loading")
              .setInitialMax(bytes)
              .setUnit(" MiB", 1L << 20)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .setUpdateIntervalMillis(200)
              .clearDisplayOnFinish()
              .build();
      bar.setExtraMessage(progressMessage(0));
    }
  }

  @Override
  public void read(long bytes) {
    ProgressBar current = bar;
    if (current != null) {
      current.stepBy(bytes);
    }
  }

  @Override
  public void loaded(RecordedProcess process, LogLoad load) {
    int done = loaded.incrementAndGet();
    ProgressBar current = bar;
    if (current != null) {
      current.setExtraMessage(progressMessage(done));
    }
  }

  private String progressMessage(int done) {
    return done + "/" + logs + (logs == 1 ? " log" : " logs");
  }

  @Override
  public synchronized void warning(String message) {
    warnings.add(message);
  }

  /** Clears the bar, then prints the warnings. */
  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    for (String warning : warnings) {
      err.println("wasitrace: warning: " + warning);
    }
    warnings.clear();
  }
}
