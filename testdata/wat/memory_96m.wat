;; Asks for 96 MiB of memory at start (1536 pages of 64 KiB: enough for a default heap, too much
;; for -Xmx64m) and writes one line. wasitrace must run it when Endive and the JVM's heap hold
;; that memory, and otherwise refuse it in one line saying what it needs and what is allowed, the
;; process recorded as failed.
;; Expected stdout (when it runs): "memory ok\n"
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1536)
  (data (i32.const 16) "memory ok\n")
  (func (export "_start")
    ;; iovec at 0: {buf = 16, len = 10}
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 10))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
