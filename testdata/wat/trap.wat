;; Writes one line, then traps (unreachable): the run must end with exit code 1 and a clear
;; "trap" message, and the line must be in the log.
;; Expected stdout: "before trap\n"
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before trap\n")
  (func (export "_start")
    ;; iovec at 0: {buf = 16, len = 12}
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 12))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    unreachable))
