-- The `wasitrace trace summary` table, after strace -c: per WASI function, the share of the
-- time spent in the host, the seconds, microseconds per call, calls and errors (calls that
-- returned a non-zero errno), most time first; the last row (syscall 'total') sums them all.
-- Over every process loaded in syscalls.
-- requires: tables.sql
WITH per_function AS (
  SELECT
    CASE WHEN grouping(func) = 1 THEN 'total' ELSE func END AS syscall,
    grouping(func) AS is_total,
    coalesce(sum(duration_ns), 0)::BIGINT AS ns,
    count(*) AS calls,
    count(*) FILTER (WHERE errno <> 0) AS errors
  FROM syscalls
  GROUP BY ROLLUP (func)
)
SELECT
  coalesce(round(100.0 * ns / nullif(max(ns) FILTER (WHERE is_total = 1) OVER (), 0), 2), 0)
    AS pct_time,
  ns / 1e9 AS seconds,
  CASE WHEN calls = 0 THEN 0 ELSE ns // 1000 // calls END::BIGINT AS usecs_per_call,
  calls,
  errors,
  syscall
FROM per_function
ORDER BY is_total, ns DESC, calls DESC, syscall;
