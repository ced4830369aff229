-- http_exchanges: one row per HTTP/1.x request of every loaded process, and what answered it,
-- after Zeek's http.log, plus time to first byte and total latency.
--
-- HTTP/1.1 framing (Content-Length, chunked bodies and trailers, bodies ending at the close,
-- no body after HEAD or for 1xx/204/304, keep-alive and pipelining, Expect: 100-continue) is not
-- a job for SQL: wasitrace's HttpFramer (analyzer module) splits each TCP connection's bytes
-- from network_events into messages and appends them to http_messages; this file defines that
-- table and the view over it. Running it by hand leaves http_messages empty.
--
-- http_messages: one row per message. kind is 'request', 'interim' (a 1xx before the final
-- response, e.g. 100 Continue) or 'response'; interim and response rows carry the trans_depth
-- of their request.
-- requires: tcp_connections.sql, network_events.sql
CREATE OR REPLACE TABLE http_messages (
  process_id    VARCHAR,
  uid           VARCHAR,        -- the connection, joins tcp_connections
  trans_depth   INTEGER,        -- the exchange's place on the connection, from 1
  kind          VARCHAR,        -- request, interim, response
  client        VARCHAR,        -- the side that sent the request: 127.0.0.1:40000
  server        VARCHAR,
  client_local  BOOLEAN,        -- whether the guest is the client
  ts_ns         BIGINT,         -- when the call carrying the first byte started, ns since the epoch
  end_ns        BIGINT,         -- ... the last byte
  first_seq     BIGINT,         -- record of the call carrying the first byte
  last_seq      BIGINT,
  method        VARCHAR,        -- requests
  uri           VARCHAR,        -- requests: the request target
  version       VARCHAR,        -- 1.1, 1.0
  status_code   INTEGER,        -- responses
  status_msg    VARCHAR,        -- responses: the reason phrase
  host          VARCHAR,        -- the Host header
  user_agent    VARCHAR,        -- the User-Agent header
  content_type  VARCHAR,
  content_encoding VARCHAR,
  headers       VARCHAR,        -- the start line and header lines as received, CRLF-separated
  body_len      BIGINT,         -- body bytes without the transfer coding (chunks joined)
  body          BLOB,           -- those bytes, content coding (gzip) kept
  complete      BOOLEAN         -- false when the recording ended inside the message
);

CREATE OR REPLACE VIEW http_exchanges AS
WITH answers AS (
  SELECT
    process_id, uid, trans_depth,
    min(ts_ns) AS first_ns,                                        -- first response byte
    arg_max(status_code, first_seq) FILTER (WHERE kind = 'interim') AS info_code,
    arg_max(status_msg, first_seq) FILTER (WHERE kind = 'interim') AS info_msg
  FROM http_messages
  WHERE kind <> 'request'
  GROUP BY ALL
)
SELECT
  q.process_id,
  q.uid,
  q.trans_depth,
  make_timestamp_ns(q.ts_ns) AT TIME ZONE 'UTC' AS ts,             -- the request's first byte
  q.method,
  q.host,
  q.uri,
  q.version,
  q.user_agent,
  q.body_len AS request_body_len,
  r.body_len AS response_body_len,
  r.status_code,
  r.status_msg,
  a.first_ns - q.ts_ns AS ttfb_ns,       -- request's first byte to the first response byte
  r.end_ns - q.ts_ns AS total_ns,        -- request's first byte to the final response's last
  a.info_code,
  a.info_msg,
  r.content_type AS resp_mime_type,
  r.content_encoding AS resp_content_encoding,
  q.client,
  q.server,
  q.client_local,
  q.first_seq,
  r.last_seq,
  q.complete AND coalesce(r.complete, true) AS complete
FROM http_messages q
LEFT JOIN http_messages r
  ON r.kind = 'response'
  AND r.process_id = q.process_id AND r.uid = q.uid AND r.trans_depth = q.trans_depth
LEFT JOIN answers a
  ON a.process_id = q.process_id AND a.uid = q.uid AND a.trans_depth = q.trans_depth
WHERE q.kind = 'request'
ORDER BY q.process_id, q.ts_ns, q.uid, q.trans_depth;
