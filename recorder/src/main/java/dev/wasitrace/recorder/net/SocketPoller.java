package dev.wasitrace.recorder.net;

import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import run.endive.runtime.Memory;
import run.endive.wasi.DescriptorTable;

/**
 * poll_oneoff when sockets take part: socket readiness from one NIO selector, files and
 * stdout/stderr always ready (as on Linux), stdin ready when it has bytes, and clock subscriptions
 * as timeouts. Calls without sockets stay with Endive's own poll_oneoff.
 */
final class SocketPoller {
  private static final int SUBSCRIPTION = 48;
  private static final int EVENT = 32;
  private static final int TAG_CLOCK = 0;
  private static final int TAG_FD_READ = 1;
  private static final int TAG_FD_WRITE = 2;
  private static final int CLOCK_REALTIME = 0;
  private static final int SUBCLOCK_ABSTIME = 1;
  // stdin cannot join a selector: while a poll waits on it, look again this often.
  private static final long STDIN_RECHECK_NANOS = 10_000_000;

  private final DescriptorTable descriptors;
  private Selector selector;

  SocketPoller(DescriptorTable descriptors) {
    this.descriptors = descriptors;
  }

  private record Subscription(long userdata, int tag, int fd, long deadlineNanos) {}

  private record Event(long userdata, int error, int type) {}

  void close() {
    if (selector != null) {
      try {
        selector.close();
      } catch (IOException e) {
        // nothing to report: the run is over
      }
    }
  }

  boolean involvesSockets(Memory memory, int in, int count) {
    for (int i = 0; i < count; i++) {
      int base = in + i * SUBSCRIPTION;
      int tag = memory.read(base + 8);
      if ((tag == TAG_FD_READ || tag == TAG_FD_WRITE)
          && descriptors.socket(memory.readInt(base + 16)) instanceof GuestSocket) {
        return true;
      }
    }
    return false;
  }

  int poll(Memory memory, int in, int out, int count, int neventsPtr) throws SocketError {
    if (count <= 0) {
      throw new SocketError(Errno.EINVAL);
    }
    List<Subscription> subscriptions = read(memory, in, count);
    long deadline = Long.MAX_VALUE;
    for (Subscription s : subscriptions) {
      if (s.tag() == TAG_CLOCK) {
        deadline = Math.min(deadline, s.deadlineNanos());
      }
    }
    List<Event> events = new ArrayList<>();
    try {
      while (true) {
        boolean waitingOnStdin = false;
        List<Subscription> watched = new ArrayList<>();
        for (Subscription s : subscriptions) {
          if (s.tag() == TAG_CLOCK) {
            continue;
          }
          GuestSocket socket = descriptors.socket(s.fd()) instanceof GuestSocket g ? g : null;
          if (socket == null) {
            if (!descriptors.isOpen(s.fd())) {
              events.add(new Event(s.userdata(), Errno.EBADF, s.tag()));
            } else if (s.fd() == 0 && s.tag() == TAG_FD_READ && !descriptors.stdinReady(0)) {
              waitingOnStdin = true;
            } else {
              events.add(new Event(s.userdata(), 0, s.tag()));
            }
          } else if (socket.hasNothingToWaitFor()
              || (s.tag() == TAG_FD_READ && socket.readableNow())) {
            events.add(new Event(s.userdata(), 0, s.tag()));
          } else {
            watched.add(s);
          }
        }
        long now = System.nanoTime();
        if (!events.isEmpty()) {
          events.addAll(readySockets(watched, 0));
          break;
        }
        long wait = deadline == Long.MAX_VALUE ? 0 : Math.max(0, deadline - now);
        if (deadline != Long.MAX_VALUE && wait == 0) {
          break;
        }
        if (waitingOnStdin) {
          wait = wait == 0 ? STDIN_RECHECK_NANOS : Math.min(wait, STDIN_RECHECK_NANOS);
        }
        List<Event> ready = readySockets(watched, wait == 0 ? -1 : Math.max(1, wait / 1_000_000));
        if (!ready.isEmpty()) {
          events.addAll(ready);
          break;
        }
        if (deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
          break;
        }
      }
    } catch (IOException e) {
      throw new SocketError(Errno.EIO);
    }
    long now = System.nanoTime();
    for (Subscription s : subscriptions) {
      if (s.tag() == TAG_CLOCK && now >= s.deadlineNanos()) {
        events.add(new Event(s.userdata(), 0, TAG_CLOCK));
      }
    }
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      int base = out + i * EVENT;
      memory.write(base, new byte[EVENT], 0, EVENT);
      memory.writeLong(base, event.userdata());
      memory.writeShort(base + 8, (short) event.error());
      memory.writeByte(base + 10, (byte) event.type());
    }
    memory.writeI32(neventsPtr, events.size());
    return 0;
  }

  /** Selects on the watched sockets: timeoutMillis 0 = now, -1 = until one is ready. */
  private List<Event> readySockets(List<Subscription> watched, long timeoutMillis)
      throws IOException {
    List<Event> events = new ArrayList<>();
    if (watched.isEmpty()) {
      if (timeoutMillis > 0) {
        sleep(timeoutMillis);
      }
      return events;
    }
    if (selector == null) {
      selector = Selector.open();
    }
    List<SelectionKey> keys = new ArrayList<>();
    for (Subscription s : watched) {
      GuestSocket socket = (GuestSocket) descriptors.socket(s.fd());
      SelectableChannel channel = socket.selectable();
      int ops = s.tag() == TAG_FD_READ ? socket.readInterest() : socket.writeInterest();
      SelectionKey key = channel.keyFor(selector);
      if (key == null || !key.isValid()) {
        selector.selectNow(); // flush cancelled keys before registering again
        key = channel.register(selector, 0);
      }
      if (!keys.contains(key)) {
        key.interestOps(0);
        keys.add(key);
      }
      key.interestOps(key.interestOps() | ops);
    }
    if (timeoutMillis == 0) {
      selector.selectNow();
    } else if (timeoutMillis < 0) {
      selector.select();
    } else {
      selector.select(timeoutMillis);
    }
    for (Subscription s : watched) {
      GuestSocket socket = (GuestSocket) descriptors.socket(s.fd());
      SelectionKey key = socket.selectable().keyFor(selector);
      if (key == null || !key.isValid() || !selector.selectedKeys().contains(key)) {
        continue;
      }
      int readyOps = key.readyOps();
      if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
        socket.connectReady();
      }
      int wanted = s.tag() == TAG_FD_READ ? socket.readInterest() : socket.writeInterest();
      boolean ready =
          (readyOps & wanted) != 0
              || (s.tag() == TAG_FD_WRITE && (readyOps & SelectionKey.OP_CONNECT) != 0);
      if (ready) {
        events.add(new Event(s.userdata(), 0, s.tag()));
      }
    }
    selector.selectedKeys().clear();
    for (SelectionKey key : keys) {
      if (key.isValid()) {
        key.interestOps(0);
      }
    }
    return events;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Subscription> read(Memory memory, int in, int count) {
    List<Subscription> subscriptions = new ArrayList<>();
    long nowNanos = System.nanoTime();
    for (int i = 0; i < count; i++) {
      int base = in + i * SUBSCRIPTION;
      long userdata = memory.readLong(base);
      int tag = memory.read(base + 8) & 0xFF;
      if (tag == TAG_CLOCK) {
        int clock = memory.readInt(base + 16);
        long timeout = memory.readLong(base + 24);
        int flags = memory.readShort(base + 40) & 0xFFFF;
        long deadline;
        if ((flags & SUBCLOCK_ABSTIME) != 0) {
          long clockNow = clock == CLOCK_REALTIME ? epochNanos() : nowNanos;
          deadline = nowNanos + Math.max(0, timeout - clockNow);
        } else {
          deadline = timeout > Long.MAX_VALUE - nowNanos ? Long.MAX_VALUE - 1 : nowNanos + timeout;
        }
        subscriptions.add(new Subscription(userdata, tag, -1, deadline));
      } else {
        subscriptions.add(new Subscription(userdata, tag, memory.readInt(base + 16), 0));
      }
    }
    return subscriptions;
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
