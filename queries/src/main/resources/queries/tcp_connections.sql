-- tcp_connections: one row per TCP connection of every loaded process, after Zeek's conn.log.
--
-- Which events make up a connection, who originated it, and its conn_state and history are
-- worked out in Java from network_events (wasitrace's ConnectionGrouper and ConnectionSummarizer,
-- analyzer module) and appended to tcp_connections_raw; this file defines that table and the
-- view over it. Running it by hand leaves tcp_connections_raw empty.
--
--   uid           a stable Zeek-style ID: 'C' and 17 base62 digits of a hash of
--                 process_id, fd and the first event's seq
--   community_id  Community ID v1 of the 5-tuple (seed 0), as Zeek, Suricata and Wireshark
--                 compute it: joins with their data
--   orig_*/resp_* the originator is the guest for a CONN, the peer for an ACCEPT
--   orig_bytes    payload bytes the originator sent (resp_bytes: the responder), as counted
--                 by the guest's successful SENDs and RECVs
--   conn_state    S0 SYN without answer; REJ refused (ECONNREFUSED); S1 established, not closed;
--                 SF both sides closed (FINs); S2 only the originator closed; S3 only the
--                 responder; RSTO/RSTR the originator/responder reset (ECONNRESET, EPIPE);
--                 OTH nothing went out (a connect the sandbox refused)
--   history       Zeek's letters as far as the calls show them, uppercase for the originator:
--                 S SYN, h SYN-ACK, A ACK (the handshake), D/d payload, F/f FIN, R/r reset
--   service       http, http2, websocket... (http,http2 after an h2c upgrade), from the HTTP
--                 framing of http_exchanges; null when not recognised
--   local_orig    true when the guest originated the connection
--   fd, first_seq, last_seq  join network_events: seq BETWEEN first_seq AND last_seq AND fd = fd
-- requires: network_events.sql
CREATE OR REPLACE TABLE tcp_connections_raw (
  process_id    VARCHAR,
  uid           VARCHAR,
  community_id  VARCHAR,
  ts_ns         BIGINT,         -- first event, ns since the epoch
  end_ns        BIGINT,         -- last event, ns since the epoch
  orig_h        VARCHAR,
  orig_p        INTEGER,
  resp_h        VARCHAR,
  resp_p        INTEGER,
  orig_bytes    BIGINT,
  resp_bytes    BIGINT,
  conn_state    VARCHAR,
  history       VARCHAR,
  service       VARCHAR,
  local_orig    BOOLEAN,
  fd            INTEGER,
  first_seq     BIGINT,
  last_seq      BIGINT
);

CREATE OR REPLACE VIEW tcp_connections AS
SELECT
  process_id,
  uid,
  community_id,
  make_timestamp_ns(ts_ns) AT TIME ZONE 'UTC' AS ts,
  (end_ns - ts_ns) / 1e9 AS duration,     -- seconds, as in conn.log
  orig_h,
  orig_p,
  resp_h,
  resp_p,
  orig_bytes,
  resp_bytes,
  conn_state,
  history,
  service,
  local_orig,
  'tcp' AS proto,
  end_ns - ts_ns AS duration_ns,
  fd,
  first_seq,
  last_seq
FROM tcp_connections_raw
ORDER BY process_id, first_seq;
