-- The tables wasitrace loads from its registry ($WASITRACE_HOME, default ~/.wasitrace).
-- `wasitrace query` creates them in an in-memory DuckDB, `wasitrace query --db FILE.duckdb` in a
-- file; then it fills them: one row per recorded process, per stored module, per host call.
-- Every table that describes what a process did carries its process_id.

CREATE OR REPLACE TABLE processes (
  process_id    VARCHAR,        -- the process UUID
  start_time    TIMESTAMPTZ,
  end_time      TIMESTAMPTZ,    -- null while running, or when the run was killed
  status        VARCHAR,        -- exited, trapped, failed, interrupted, running, killed
  exit_code     INTEGER,        -- the guest's exit code; null when it did not exit
  error         VARCHAR,        -- why a run failed or trapped
  module_digest VARCHAR,        -- sha256 (hex) of the module, joins modules
  module_name   VARCHAR,        -- the file name it was run as
  args          VARCHAR[],      -- argv, argv[0] first
  env           VARCHAR[],      -- KEY=VALUE, as the guest saw them
  dirs          VARCHAR[],      -- preopened directories, HOST:GUEST
  runtime       VARCHAR,        -- e.g. wasitrace 0.1.0 (Endive 1.0.0, compiler)
  engine        VARCHAR,        -- compiler or interpreter
  records       BIGINT,         -- rows loaded into syscalls
  log_bytes     BIGINT,         -- size of the log file
  log_complete  BOOLEAN         -- false when the log was cut short (killed run, full disk)
);

CREATE OR REPLACE TABLE modules (
  module_digest VARCHAR,        -- sha256 (hex) of the wasm bytes
  module_name   VARCHAR,        -- the file name it was first run as
  size          BIGINT,         -- bytes
  stored_time   TIMESTAMPTZ
);

-- One row per host call, in call order (seq). The columns of the log (arrow-schema/README.md).
CREATE OR REPLACE TABLE syscalls (
  process_id    VARCHAR,
  seq           BIGINT,         -- call number in its process, from 0, no gaps
  ts            TIMESTAMPTZ_NS, -- when the call started
  duration_ns   BIGINT,         -- how long the host took
  func          VARCHAR,        -- WASI function name: fd_write, path_open, sock_send, ...
  errno         INTEGER,        -- WASI errno, 0 on success; null when the call did not return
  fd            INTEGER,        -- the descriptor operated on (the directory fd for path_*)
  size          BIGINT,         -- bytes moved by the call
  data          BLOB,           -- the bytes written or read
  path          VARCHAR,        -- the path argument of path_* calls
  path2         VARCHAR,        -- the second: where path_rename and path_link put it, and
                                -- path_symlink's target (null in logs of format version 2 or older)
  result        BIGINT,         -- bytes moved, new fd, new offset, time, events...
  proto         VARCHAR,        -- TCP or UDP on a socket call, else null
  local_addr    VARCHAR,        -- the socket's local address: 127.0.0.1:49152, [::1]:8080
  peer_addr     VARCHAR,        -- the socket's peer address
  params        BIGINT[10],     -- the raw parameters; unused slots null
  mem_writes    BLOB            -- guest memory the host wrote beyond the standard outputs
);

-- errnos (errno INTEGER, name VARCHAR): WASI errno numbers (not Linux's) and their names, made
-- by AnalysisSession from the one list of them (dev.wasitrace.wasi.Errno).
