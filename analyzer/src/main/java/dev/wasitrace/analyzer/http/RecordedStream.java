package dev.wasitrace.analyzer.http;

import dev.wasitrace.analyzer.net.NetworkEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes one side of a TCP connection sent, joined from the recorded calls, with the call that
 * carried each byte: the guest's successful SENDs, or the peer's bytes in the guest's RECVs. It has
 * ended when the sender closed it: a SHUT or SHUT (w) by the guest, the peer's EOF (RECV of 0
 * bytes) or a reset.
 */
final class RecordedStream {
  private static final int ECONNRESET = 15;

  private final byte[] bytes;
  private final int[] starts;
  private final Moment[] moments;
  private final boolean ended;

  private RecordedStream(byte[] bytes, int[] starts, Moment[] moments, boolean ended) {
    this.bytes = bytes;
    this.starts = starts;
    this.moments = moments;
    this.ended = ended;
  }

  /** What the guest ({@code local}) or its peer sent in {@code events}. */
  static RecordedStream of(List<NetworkEvent> events, boolean local) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Integer> starts = new ArrayList<>();
    List<Moment> moments = new ArrayList<>();
    boolean ended = false;
    String type = local ? NetworkEvent.SEND : NetworkEvent.RECV;
    for (NetworkEvent event : events) {
      if (ended) {
        break;
      }
      if (event.type().equals(type) && event.ok() && event.bytes().length > 0) {
        starts.add(bytes.size());
        moments.add(new Moment(event.seq(), event.ts()));
        bytes.writeBytes(event.bytes());
      } else if (local) {
        ended = event.shutsWriting();
      } else {
        ended = event.endOfStream() || (event.movesBytes() && event.errno() == ECONNRESET);
      }
    }
    return new RecordedStream(
        bytes.toByteArray(),
        starts.stream().mapToInt(Integer::intValue).toArray(),
        moments.toArray(new Moment[0]),
        ended);
  }

  int length() {
    return bytes.length;
  }

  byte at(int offset) {
    return bytes[offset];
  }

  byte[] slice(int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }

  /** Whether the sender closed the stream (so a body delimited by the close is complete). */
  boolean ended() {
    return ended;
  }

  /** The call that carried byte {@code offset} (0 ≤ offset &lt; length). */
  Moment momentOf(int offset) {
    int i = Arrays.binarySearch(starts, offset);
    return moments[i >= 0 ? i : -i - 2];
  }
}
