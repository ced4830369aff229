package dev.wasitrace.cli;

import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.analyzer.LogLoad;
import dev.wasitrace.analyzer.RecordedProcess;
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
 * each, once the bar is gone. Damage is always reported; a log that ends early because its run was
 * killed only when the user named its process: said on every query of the whole registry, it would
 * bury the answer (the {@code processes} table and {@code get process} show it there).
 */
final class LoadProgress implements LoadListener, AutoCloseable {
  /** Below this many bytes and logs, loading is over too fast for a bar to help. */
  private static final long BAR_MIN_BYTES = 16L << 20;

  private static final int BAR_MIN_LOGS = 50;

  private final Main main;
  private final boolean terminal;
  private final boolean named;
  private final List<String> damage = new ArrayList<>();
  private final List<String> cutShort = new ArrayList<>();
  private final AtomicInteger loaded = new AtomicInteger();
  private volatile ProgressBar bar;
  private int logs;

  /** {@code named}: the processes were named by the user, not all of the registry. */
  LoadProgress(Main main, boolean terminal, boolean named) {
    this.main = main;
    this.terminal = terminal;
    this.named = named;
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
              .setConsumer(new ConsoleProgressBarConsumer(main.err))
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
    damage.add(message);
  }

  @Override
  public synchronized void cutShort(String message) {
    if (named) {
      cutShort.add(message);
    }
  }

  /** Clears the bar, then prints the warnings. */
  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    damage.forEach(main::damage);
    cutShort.forEach(main::warn);
    damage.clear();
    cutShort.clear();
  }
}
