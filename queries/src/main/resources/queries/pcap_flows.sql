-- pcap_flows: what `wasitrace export pcap --filter SQL-WHERE` filters. One row per TCP connection
-- (the rows of tcp_connections, see queries/tcp_connections.sql) and one per UDP flow; the
-- filter is a WHERE clause over these columns, and the packets of the rows it keeps are exported.
--
-- A UDP flow is one socket's datagrams to and from one peer, described the way Zeek's conn.log
-- does: the originator is the side that sent first; orig_bytes/resp_bytes count payload bytes;
-- conn_state is SF when both sides sent, S0 when only the originator did; history has D for the
-- originator's data and d for the responder's. Its rows are computed by wasitrace (UdpFlows) and
-- appended to pcap_udp_flows.
-- requires: tcp_connections.sql
CREATE OR REPLACE TABLE pcap_udp_flows (
  process_id    VARCHAR,
  uid           VARCHAR,
  community_id  VARCHAR,
  ts_ns         BIGINT,
  end_ns        BIGINT,
  orig_h        VARCHAR,
  orig_p        INTEGER,
  resp_h        VARCHAR,
  resp_p        INTEGER,
  orig_bytes    BIGINT,
  resp_bytes    BIGINT,
  conn_state    VARCHAR,
  history       VARCHAR,
  local_orig    BOOLEAN,
  fd            INTEGER,
  first_seq     BIGINT,
  last_seq      BIGINT
);

CREATE OR REPLACE VIEW pcap_flows AS
SELECT
  process_id, uid, community_id, 'tcp' AS proto, ts, duration, orig_h, orig_p, resp_h, resp_p,
  orig_bytes, resp_bytes, conn_state, history, service, local_orig, duration_ns, fd, first_seq,
  last_seq
FROM tcp_connections
UNION ALL
SELECT
  process_id, uid, community_id, 'udp' AS proto,
  make_timestamp_ns(ts_ns) AT TIME ZONE 'UTC' AS ts, (end_ns - ts_ns) / 1e9 AS duration,
  orig_h, orig_p, resp_h, resp_p, orig_bytes, resp_bytes, conn_state, history,
  NULL::VARCHAR AS service, local_orig, end_ns - ts_ns AS duration_ns, fd, first_seq, last_seq
FROM pcap_udp_flows;
