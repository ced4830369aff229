package dev.wasitrace.analyzer.net;

import java.time.Instant;

/**
 * One row of {@code tcp_connections}, after Zeek's conn.log (see {@link ConnectionSummarizer} for
 * how {@code connState} and {@code history} follow from the recorded events).
 *
 * @param processId the recorded process
 * @param uid the connection's stable ID ({@link ConnectionUid})
 * @param fd the guest's descriptor of the connection
 * @param firstSeq the record number of its first event
 * @param lastSeq the record number of its last event
 * @param ts when its first event started
 * @param end when its last event started
 * @param origH the originator's address (null when unknown); the guest for a CONN, the peer for an
 *     ACCEPT
 * @param origP the originator's port, -1 when unknown
 * @param respH the responder's address
 * @param respP the responder's port
 * @param localOrig whether the guest originated the connection
 * @param origBytes payload bytes the originator sent
 * @param respBytes payload bytes the responder sent
 * @param connState Zeek's conn_state: S0, S1, SF, REJ, S2, S3, RSTO, RSTR, OTH
 * @param history Zeek's history letters, uppercase for the originator
 * @param communityId the Community ID v1 of the 5-tuple, null when an address is unknown
 */
public record ConnectionSummary(
    String processId,
    String uid,
    int fd,
    long firstSeq,
    long lastSeq,
    Instant ts,
    Instant end,
    String origH,
    int origP,
    String respH,
    int respP,
    boolean localOrig,
    long origBytes,
    long respBytes,
    String connState,
    String history,
    String communityId) {}
