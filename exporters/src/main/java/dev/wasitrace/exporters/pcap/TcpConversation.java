package dev.wasitrace.exporters.pcap;

import dev.wasitrace.analyzer.net.Endpoint;
import dev.wasitrace.analyzer.net.TcpOutcome;
import java.util.function.Consumer;

/**
 * The segments of one TCP connection, synthesized from the guest's calls as a capture on its host
 * would show them: the three-way handshake, the data split at the MSS with consistent sequence and
 * acknowledgement numbers, an ACK from the receiver every second segment and after the last one of
 * a call, FIN (with its ACK) when a side ends its stream, RST as recorded.
 *
 * <table>
 *   <caption>What each event puts on the wire</caption>
 *   <tr><th>event</th><th>packets</th><th>when</th></tr>
 *   <tr><td>CONN OK</td><td>SYN; SYN-ACK, ACK</td><td>call start; call end</td></tr>
 *   <tr><td>CONN EINPROGRESS, EALREADY, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH</td>
 *       <td>SYN (once)</td><td>call start</td></tr>
 *   <tr><td>CONN ECONNREFUSED</td><td>SYN; RST-ACK from the peer</td><td>start; end</td></tr>
 *   <tr><td>ACCEPT OK</td><td>the peer's SYN, SYN-ACK, ACK</td><td>call end</td></tr>
 *   <tr><td>SEND OK</td><td>the bytes from the guest, peer's ACKs</td><td>spread over the call</td></tr>
 *   <tr><td>RECV OK</td><td>the bytes from the peer, guest's ACKs</td><td>call end</td></tr>
 *   <tr><td>RECV OK of 0 bytes</td><td>the peer's FIN, guest's ACK</td><td>call end</td></tr>
 *   <tr><td>SHUT, SHUT (w) (and the close of a socket)</td><td>the guest's FIN, peer's ACK</td>
 *       <td>call start</td></tr>
 *   <tr><td>ECONNRESET; EPIPE before the guest's FIN</td><td>RST-ACK from the peer</td>
 *       <td>call start</td></tr>
 * </table>
 *
 * <p>A connection's first sign of life other than CONN (a SEND on a socket connected without
 * blocking, say) completes the handshake then. Nothing follows a RST. EACCES (the sandbox refused)
 * and the errors of calls that never reached the network put nothing on the wire.
 *
 * <p>SYN and SYN-ACK carry the options Linux sends (MSS, window scale 7, SACK permitted), so
 * Wireshark computes windows as it would on a real capture; the advertised window is large enough
 * that the two segments in flight never fill it. Initial sequence numbers and IP IDs are derived
 * from the connection's uid: the same log always gives the same file.
 */
final class TcpConversation {
  static final int WINDOW_SHIFT = 7;
  static final int SYN_WINDOW = 65535;

  /** One end of the connection: its address, next sequence number and IP ID. */
  private static final class Side {
    final Endpoint address;
    final int isn;
    int next;
    int ipId;
    boolean finSent;

    Side(Endpoint address, int isn) {
      this.address = address;
      this.isn = isn;
      this.next = isn;
      this.ipId = isn >>> 16;
    }
  }

  private final Side guest;
  private final Side peer;
  private final boolean localOrig;
  private final int mss;
  private final int window;
  private final byte[] synOptions;
  private final Consumer<Packet> out;
  private boolean synSent;
  private boolean established;
  private boolean over;

  /**
   * A connection between {@code flow}'s endpoints, whose segments carry at most {@code mss} bytes,
   * passed to {@code out} in time order.
   */
  TcpConversation(Flow flow, int mss, Consumer<Packet> out) {
    this.guest = new Side(flow.endpoints().local(), isn(flow.uid(), 1));
    this.peer = new Side(flow.endpoints().peer(), isn(flow.uid(), 2));
    this.localOrig = flow.localOrig();
    this.mss = mss;
    // Two full segments in flight (the receiver ACKs every second one) always fit, with room.
    this.window =
        Math.max(512, Math.min(0xFFFF, (4 * mss + (1 << WINDOW_SHIFT) - 1) >> WINDOW_SHIFT));
    this.synOptions = synOptions(mss);
    this.out = out;
  }

  /** The packets of one event of this connection. */
  void accept(SocketEvent event) {
    if (over) {
      return;
    }
    long start = event.startNs();
    long end = event.endNs();
    int errno = event.errno();
    switch (event.type()) {
      case SocketEvent.CONN -> {
        switch (TcpOutcome.ofConnect(errno)) {
          case ESTABLISHED -> establish(start, end);
          case REFUSED -> refused(start, end);
          case SYN_SENT -> syn(start);
          default -> {
            // Nothing went on the wire.
          }
        }
      }
      case SocketEvent.ACCEPT -> {
        if (errno == 0) {
          establish(end, end);
        }
      }
      case SocketEvent.SEND, SocketEvent.RECV -> {
        boolean sending = event.type().equals(SocketEvent.SEND);
        TcpOutcome outcome = TcpOutcome.ofTransfer(errno, guest.finSent);
        if (outcome == TcpOutcome.ESTABLISHED) {
          establish(start, start);
          byte[] data = event.data();
          if (data.length > 0) {
            if (sending) {
              data(guest, peer, data, start, end);
            } else {
              data(peer, guest, data, end, end);
            }
          } else if (!sending && !peer.finSent) {
            fin(peer, guest, end);
          }
        } else if (outcome == TcpOutcome.REFUSED) {
          refused(start, start);
        } else if (established && outcome == TcpOutcome.RESET) {
          reset(start);
        }
      }
      default -> {
        if (event.shutsWriting() && established && !guest.finSent) {
          fin(guest, peer, start);
        }
      }
    }
  }

  private Side originator() {
    return localOrig ? guest : peer;
  }

  private Side responder() {
    return localOrig ? peer : guest;
  }

  private void syn(long time) {
    if (!synSent) {
      Side from = originator();
      emit(time, from, responder(), Packet.SYN, from.isn, 0, SYN_WINDOW, synOptions);
      from.next = from.isn + 1;
      synSent = true;
    }
  }

  /** The handshake, as far as it has not happened: the SYN at {@code synTime}, the rest after. */
  private void establish(long synTime, long time) {
    if (established) {
      return;
    }
    syn(synTime);
    Side from = responder();
    Side to = originator();
    emit(time, from, to, Packet.SYN | Packet.ACK, from.isn, to.next, SYN_WINDOW, synOptions);
    from.next = from.isn + 1;
    ack(time, to, from);
    established = true;
  }

  /** The peer answered the SYN with a RST. */
  private void refused(long synTime, long time) {
    if (established) {
      return;
    }
    syn(synTime);
    emit(time, responder(), originator(), Packet.RST | Packet.ACK, 0, originator().next, 0, null);
    over = true;
  }

  private void reset(long time) {
    emit(time, peer, guest, Packet.RST | Packet.ACK, peer.next, guest.next, 0, null);
    over = true;
  }

  /**
   * {@code data} from one side to the other in segments of at most the MSS, sent evenly from {@code
   * first} to {@code last}; PSH on the last one, as a stack pushes the end of a write.
   */
  private void data(Side from, Side to, byte[] data, long first, long last) {
    int segments = (data.length + mss - 1) / mss;
    long span = last - first;
    for (int i = 0, offset = 0; i < segments; i++, offset += mss) {
      int length = Math.min(mss, data.length - offset);
      boolean end = i == segments - 1;
      long time = first + span * i / segments;
      out.accept(
          Packet.tcp(
              time,
              from.address,
              to.address,
              from.ipId++,
              Packet.ACK | (end ? Packet.PSH : 0),
              from.next,
              to.next,
              window,
              NO_OPTIONS,
              data,
              offset,
              length));
      from.next += length;
      if (end || (i & 1) == 1) {
        ack(time, to, from);
      }
    }
  }

  private void fin(Side from, Side to, long time) {
    emit(time, from, to, Packet.FIN | Packet.ACK, from.next, to.next, window, null);
    from.next++;
    from.finSent = true;
    ack(time, to, from);
  }

  /** A pure ACK from {@code from} of everything {@code to} sent. */
  private void ack(long time, Side from, Side to) {
    emit(time, from, to, Packet.ACK, from.next, to.next, window, null);
  }

  private void emit(
      long time, Side from, Side to, int flags, int seq, int ack, int window, byte[] options) {
    out.accept(
        Packet.tcp(
            time,
            from.address,
            to.address,
            from.ipId++,
            flags,
            seq,
            ack,
            window,
            options == null ? NO_OPTIONS : options));
  }

  private static final byte[] NO_OPTIONS = new byte[0];

  /** MSS, NOP, window scale, NOP, NOP, SACK permitted: 12 bytes, as Linux orders them. */
  static byte[] synOptions(int mss) {
    return new byte[] {
      2, 4, (byte) (mss >>> 8), (byte) mss, 1, 3, 3, WINDOW_SHIFT, 1, 1, 4, 2,
    };
  }

  /** A connection's initial sequence number for one side, from its uid. */
  static int isn(String uid, int side) {
    long h = (uid.hashCode() + 0x9E3779B97F4A7C15L * side) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    return (int) (h ^ (h >>> 29));
  }

  /** Whether the connection ended with a RST (nothing more goes on the wire). */
  boolean over() {
    return over;
  }
}
