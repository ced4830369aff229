-- network_events: one row per socket event, the rows behind `wasitrace trace network` (after
-- Timecraft's network trace). Defined over syscalls; see queries/README.md.
--
--   CONN    sock_connect, failed ones included (ECONNREFUSED, EINPROGRESS, ...)
--   ACCEPT  sock_accept (fd is the accepted connection's descriptor)
--   SEND    sock_send, sock_send_to, fd_write on a socket
--   RECV    sock_recv, sock_recv_from, fd_read on a socket; size 0 is the peer's EOF
--   SHUT    sock_shutdown (how 1: 'SHUT (r)', 2: 'SHUT (w)', 3: 'SHUT'), and fd_close of a
--           connected TCP socket for the directions not shut down before ('SHUT' if none); not
--           for a socket whose connect failed
-- A call that failed with EAGAIN did nothing and makes no event.
-- src and dst: the local address first for CONN, SEND and SHUT; the peer first for ACCEPT and
-- RECV. An address the call did not carry is taken from the socket's earlier calls.
-- requires: tables.sql
CREATE OR REPLACE VIEW network_events AS
WITH calls AS (
  -- Socket calls, and every fd_close (a close may not carry the socket's addresses). A
  -- descriptor number is reused after fd_close: `life` tells its successive sockets apart.
  -- The bytes (data) are joined back at the end: carried through the window functions, a
  -- gigabyte of them made the view five times slower.
  SELECT
    process_id, seq, ts, func, errno, fd, size, result, proto, local_addr, peer_addr,
    params[2] AS arg1,
    -- A running sum, not count(*) FILTER: DuckDB evaluates the latter row by row over the
    -- whole frame, quadratic on a socket with a million calls.
    coalesce(sum((func = 'fd_close')::INTEGER) OVER (
      PARTITION BY process_id, fd ORDER BY seq
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS life
  FROM syscalls
  WHERE proto IS NOT NULL OR func = 'fd_close'
),
socket_calls AS (
  -- What the same socket did before each call: directions shut down, last known addresses.
  SELECT
    *,
    bit_or(CASE WHEN func = 'sock_shutdown' AND errno = 0 THEN arg1 END) OVER earlier AS shut,
    -- arg_max(x, seq) over the earlier rows is "the last x seen": unlike last_value(... IGNORE
    -- NULLS), DuckDB computes it with a segment tree, so a million-call socket stays linear.
    arg_max(proto, seq) FILTER (WHERE proto IS NOT NULL) OVER earlier AS earlier_proto,
    arg_max(local_addr, seq) FILTER (WHERE local_addr IS NOT NULL) OVER earlier AS earlier_local,
    -- The peer of this socket: not the peer of a connection it accepted (that one has a
    -- descriptor of its own), nor the address of a connect that failed (26: EINPROGRESS).
    arg_max(peer_addr, seq) FILTER (
      WHERE peer_addr IS NOT NULL
        AND func <> 'sock_accept'
        AND NOT (func = 'sock_connect' AND errno NOT IN (0, 26))) OVER earlier AS earlier_peer
  FROM calls
  WINDOW earlier AS (
    PARTITION BY process_id, fd, life ORDER BY seq
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
events AS (
  SELECT
    process_id,
    seq,
    ts,
    func,
    coalesce(proto, earlier_proto) AS proto,
    CASE
      WHEN func = 'sock_connect' THEN 'CONN'
      WHEN func = 'sock_accept' THEN 'ACCEPT'
      WHEN func IN ('sock_send', 'sock_send_to', 'fd_write') THEN 'SEND'
      WHEN func IN ('sock_recv', 'sock_recv_from', 'fd_read') THEN 'RECV'
      WHEN func = 'sock_shutdown' THEN
        CASE arg1 WHEN 1 THEN 'SHUT (r)' WHEN 2 THEN 'SHUT (w)' ELSE 'SHUT' END
      -- Only a socket that was connected: the close of one whose connect failed shuts nothing
      -- (its own row still names the address it tried).
      WHEN func = 'fd_close' AND errno = 0 AND coalesce(proto, earlier_proto) = 'TCP'
          AND earlier_peer IS NOT NULL THEN
        CASE 3 & ~coalesce(shut, 0) WHEN 1 THEN 'SHUT (r)' WHEN 2 THEN 'SHUT (w)' WHEN 3 THEN 'SHUT' END
    END AS type,
    errno,
    CASE WHEN func = 'sock_accept' AND errno = 0 THEN result::INTEGER ELSE fd END AS fd,
    coalesce(local_addr, earlier_local) AS local_addr,
    coalesce(peer_addr, earlier_peer) AS peer_addr,
    size
  FROM socket_calls
  WHERE errno IS DISTINCT FROM 6 -- EAGAIN
)
SELECT
  e.process_id,
  e.seq,
  e.ts,
  e.proto,
  e.type,
  e.errno,
  CASE WHEN e.errno = 0 THEN 'OK' ELSE coalesce(n.name, 'E#' || e.errno) END AS result,
  e.fd,
  CASE WHEN e.type IN ('ACCEPT', 'RECV') THEN e.peer_addr ELSE e.local_addr END AS src,
  CASE WHEN e.type IN ('ACCEPT', 'RECV') THEN e.local_addr ELSE e.peer_addr END AS dst,
  e.size,
  d.data,
  e.func,
  e.local_addr,
  e.peer_addr
FROM events e
LEFT JOIN errnos n ON n.errno = e.errno
LEFT JOIN syscalls d ON d.process_id = e.process_id AND d.seq = e.seq
WHERE e.type IS NOT NULL AND e.proto IS NOT NULL
ORDER BY e.process_id, e.seq;
