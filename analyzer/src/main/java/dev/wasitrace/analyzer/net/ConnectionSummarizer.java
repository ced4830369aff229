package dev.wasitrace.analyzer.net;

/**
 * Zeek's conn.log view of one recorded TCP connection. The guest's calls show only part of what
 * went over the wire, so {@code conn_state} and {@code history} follow Zeek's definitions as far as
 * the events allow:
 *
 * <table>
 *   <caption>What each event means on the wire</caption>
 *   <tr><th>event</th><th>history</th><th>meaning</th></tr>
 *   <tr><td>ACCEPT OK</td><td>{@code S h A}</td><td>the peer originated; the handshake is done</td></tr>
 *   <tr><td>CONN EINPROGRESS, EALREADY, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH</td><td>{@code S}</td>
 *       <td>the guest's SYN, no answer yet</td></tr>
 *   <tr><td>CONN OK, EISCONN, or any later sign of an open connection (bytes moved, the peer's
 *       EOF)</td><td>{@code S h A}</td><td>established</td></tr>
 *   <tr><td>ECONNREFUSED (on CONN, or on SEND/RECV after a non-blocking connect)</td>
 *       <td>{@code S r}</td><td>the responder answered the SYN with a RST</td></tr>
 *   <tr><td>CONN EACCES</td><td>(none)</td><td>the sandbox refused: nothing went out</td></tr>
 *   <tr><td>SEND OK, RECV OK with bytes</td><td>{@code D} / {@code d}</td><td>payload from the
 *       originator / the responder</td></tr>
 *   <tr><td>RECV OK 0 (the peer's EOF)</td><td>{@code F} / {@code f}</td><td>the peer's FIN</td></tr>
 *   <tr><td>SHUT, SHUT (w) once established</td><td>{@code F} / {@code f}</td><td>the guest's
 *       FIN (SHUT (r) sends nothing)</td></tr>
 *   <tr><td>ECONNRESET on SEND or RECV, EPIPE before the guest shut its side</td>
 *       <td>{@code R} / {@code r}</td><td>the peer's RST</td></tr>
 * </table>
 *
 * <p>Each letter appears once, at its first occurrence; uppercase when the originator did it. Pure
 * ACKs after the handshake, retransmissions, window and checksum events are not observable from the
 * calls, and neither is a RST the guest's own kernel sent. {@code conn_state} then follows Zeek's
 * rules: a responder reset is REJ before establishment and RSTR after; an originator reset RSTO;
 * FINs from both sides SF, only the originator's S2, only the responder's S3; established without
 * FINs S1; a SYN without answer S0; anything else (nothing went out) OTH.
 *
 * <p>Bytes: {@code orig_bytes}/{@code resp_bytes} are the payload bytes each side sent, as the
 * guest's successful SENDs and RECVs counted them.
 */
public final class ConnectionSummarizer {
  private ConnectionSummarizer() {}

  /** The conn.log row of {@code connection}. */
  public static ConnectionSummary summarize(TcpConnection connection) {
    return new State(connection).run();
  }

  /** What the events showed so far. */
  private static final class State {
    private final TcpConnection connection;
    private final boolean localOrig;
    private final StringBuilder history = new StringBuilder();
    private boolean synSent;
    private boolean established;
    private boolean localFin;
    private boolean peerFin;
    private boolean peerReset;
    private boolean refused;
    private long localBytes;
    private long peerBytes;

    State(TcpConnection connection) {
      this.connection = connection;
      this.localOrig = connection.localOriginated();
    }

    ConnectionSummary run() {
      for (NetworkEvent event : connection.events()) {
        see(event);
      }
      Endpoint local = Endpoint.parse(connection.local());
      Endpoint peer = Endpoint.parse(connection.peer());
      Endpoint orig = localOrig ? local : peer;
      Endpoint resp = localOrig ? peer : local;
      NetworkEvent first = connection.events().get(0);
      NetworkEvent last = connection.events().get(connection.events().size() - 1);
      return new ConnectionSummary(
          connection.processId(),
          ConnectionUid.of(connection.processId(), connection.fd(), first.seq()),
          connection.fd(),
          first.seq(),
          last.seq(),
          first.ts(),
          last.ts(),
          orig == null ? null : orig.host(),
          orig == null ? -1 : orig.port(),
          resp == null ? null : resp.host(),
          resp == null ? -1 : resp.port(),
          localOrig,
          localOrig ? localBytes : peerBytes,
          localOrig ? peerBytes : localBytes,
          connState(),
          history.toString(),
          orig == null || resp == null || orig.address().length != resp.address().length
              ? null
              : CommunityId.of(CommunityId.TCP, orig, resp));
    }

    private void see(NetworkEvent event) {
      int errno = event.errno();
      switch (event.type()) {
        case NetworkEvent.ACCEPT -> {
          if (errno == 0) {
            establish();
          }
        }
        case NetworkEvent.CONN -> {
          switch (TcpOutcome.ofConnect(errno)) {
            case ESTABLISHED -> establish();
            case REFUSED -> refuse();
            case SYN_SENT -> syn();
            default -> {
              // Nothing was sent.
            }
          }
        }
        case NetworkEvent.SEND, NetworkEvent.RECV -> {
          boolean local = event.type().equals(NetworkEvent.SEND);
          TcpOutcome outcome = TcpOutcome.ofTransfer(errno, localFin);
          if (outcome == TcpOutcome.ESTABLISHED) {
            establish();
            if (event.size() > 0 || event.bytes().length > 0) {
              long size = event.size() >= 0 ? event.size() : event.bytes().length;
              if (local) {
                localBytes += size;
              } else {
                peerBytes += size;
              }
              letter('D', local == localOrig);
            } else if (!local) {
              peerFin = true;
              letter('F', !localOrig);
            }
          } else if (outcome == TcpOutcome.REFUSED) {
            refuse();
          } else if (outcome == TcpOutcome.RESET) {
            peerReset = true;
            letter('R', !localOrig);
          }
        }
        default -> {
          if (event.shutsWriting() && established && !localFin) {
            localFin = true;
            letter('F', localOrig);
          }
        }
      }
    }

    private void syn() {
      if (!synSent) {
        synSent = true;
        letter('S', true);
      }
    }

    private void establish() {
      if (!established) {
        syn();
        established = true;
        letter('H', false);
        letter('A', true);
      }
    }

    private void refuse() {
      syn();
      refused = true;
      letter('R', false);
    }

    /** Adds {@code upper} (or its lowercase when the responder did it) unless already there. */
    private void letter(char upper, boolean byOriginator) {
      char letter = byOriginator ? upper : Character.toLowerCase(upper);
      if (history.indexOf(String.valueOf(letter)) < 0) {
        history.append(letter);
      }
    }

    private String connState() {
      boolean respReset = refused || (localOrig && peerReset);
      boolean origReset = !localOrig && peerReset;
      if (respReset) {
        return established ? "RSTR" : "REJ";
      }
      if (origReset) {
        return established ? "RSTO" : "RSTOS0";
      }
      boolean origFin = localOrig ? localFin : peerFin;
      boolean respFin = localOrig ? peerFin : localFin;
      if (origFin && respFin) {
        return "SF";
      }
      if (origFin) {
        return "S2";
      }
      if (respFin) {
        return "S3";
      }
      if (established) {
        return "S1";
      }
      return synSent ? "S0" : "OTH";
    }
  }
}
