package dev.wasitrace.exporters.pcap;

import static java.util.Objects.requireNonNull;

/**
 * A TCP connection (a row of {@code tcp_connections}) or a UDP flow (one socket's datagrams to or
 * from one peer) whose packets go into the pcap.
 *
 * @param processId the recorded process
 * @param uid the connection's {@code uid}, as {@code pcap_flows} has it
 * @param protocol {@link Packet#TCP} or {@link Packet#UDP}
 * @param endpoints the addresses its packets carry
 * @param localOrig whether the guest opened it (sent first)
 * @param fd the guest's descriptor for it
 * @param firstSeq its first event's record number
 * @param lastSeq its last event's record number
 */
record Flow(
    String processId,
    String uid,
    int protocol,
    FlowEndpoints endpoints,
    boolean localOrig,
    int fd,
    long firstSeq,
    long lastSeq) {
  Flow {
    requireNonNull(processId, "processId");
    requireNonNull(uid, "uid");
    requireNonNull(endpoints, "endpoints");
  }
}
