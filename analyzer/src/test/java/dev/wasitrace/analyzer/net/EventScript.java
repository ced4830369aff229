package dev.wasitrace.analyzer.net;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the network events of one TCP connection, as the guest's calls would have recorded them:
 * each event one record and (by default) one millisecond after the previous one.
 */
public final class EventScript {
  public static final Instant START = Instant.parse("2023-06-30T08:13:20.463329123Z");

  private String processId;
  private final String local;
  private final String peer;
  private final String proto;
  private final List<NetworkEvent> events = new ArrayList<>();
  private int fd = 3;
  private long seq = 10;
  private Instant ts = START;
  private Duration step = Duration.ofMillis(1);

  private EventScript(String processId, String local, String peer, String proto) {
    this.processId = processId;
    this.local = local;
    this.peer = peer;
    this.proto = proto;
  }

  /** A connection between the guest at {@code local} and {@code peer}. */
  public static EventScript between(String local, String peer) {
    return new EventScript("p1", local, peer, "TCP");
  }

  /** A UDP socket between the guest at {@code local} and {@code peer}. */
  public static EventScript udp(String local, String peer) {
    return new EventScript("p1", local, peer, "UDP");
  }

  /** The process of the next events. */
  public EventScript process(String processId) {
    this.processId = processId;
    return this;
  }

  public EventScript fd(int fd) {
    this.fd = fd;
    return this;
  }

  /** The record number of the next event. */
  public EventScript seq(long seq) {
    this.seq = seq;
    return this;
  }

  /** The time of the next event. */
  public EventScript at(Instant ts) {
    this.ts = ts;
    return this;
  }

  /** Time between events from now on. */
  public EventScript step(Duration step) {
    this.step = step;
    return this;
  }

  public EventScript conn(int errno) {
    return add(NetworkEvent.CONN, errno, -1, null);
  }

  public EventScript accept() {
    return add(NetworkEvent.ACCEPT, 0, -1, null);
  }

  public EventScript send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  public EventScript send(byte[] bytes) {
    return add(NetworkEvent.SEND, 0, bytes.length, bytes);
  }

  public EventScript sendError(int errno) {
    return add(NetworkEvent.SEND, errno, -1, null);
  }

  public EventScript recv(String text) {
    return recv(text.getBytes(StandardCharsets.UTF_8));
  }

  public EventScript recv(byte[] bytes) {
    return add(NetworkEvent.RECV, 0, bytes.length, bytes);
  }

  /** The peer's EOF: a RECV of 0 bytes. */
  public EventScript eof() {
    return add(NetworkEvent.RECV, 0, 0, new byte[0]);
  }

  public EventScript recvError(int errno) {
    return add(NetworkEvent.RECV, errno, -1, null);
  }

  public EventScript shut() {
    return add(NetworkEvent.SHUT, 0, -1, null);
  }

  public EventScript shutWrite() {
    return add(NetworkEvent.SHUT_WRITE, 0, -1, null);
  }

  public EventScript shutRead() {
    return add(NetworkEvent.SHUT_READ, 0, -1, null);
  }

  /** Adds an event; src and dst as network_events orders them. */
  public EventScript add(String type, int errno, long size, byte[] data) {
    boolean peerFirst = type.equals(NetworkEvent.ACCEPT) || type.equals(NetworkEvent.RECV);
    events.add(
        new NetworkEvent(
            processId,
            seq,
            ts,
            proto,
            type,
            errno,
            fd,
            peerFirst ? peer : local,
            peerFirst ? local : peer,
            size,
            data));
    seq++;
    ts = ts.plus(step);
    return this;
  }

  public List<NetworkEvent> events() {
    return List.copyOf(events);
  }

  public TcpConnection connection() {
    return new TcpConnection(processId, fd, events);
  }
}
