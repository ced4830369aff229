;; Starts with one page of memory and grows it by 1536 pages (96 MiB), then writes one line:
;; "grew\n", or "grow failed\n" when memory.grow returns -1. With -Xmx64m the JVM's heap cannot hold
;; that memory: wasitrace must end the run in one line naming the heap and WASITRACE_JAVA_OPTS, the
;; process recorded as failed.
;; Expected stdout (default heap): "grew\n"
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "grew\n")
  (data (i32.const 32) "grow failed\n")
  (func (export "_start")
    (if (i32.eq (memory.grow (i32.const 1536)) (i32.const -1))
      (then
        ;; iovec at 0: {buf = 32, len = 12}
        (i32.store (i32.const 0) (i32.const 32))
        (i32.store (i32.const 4) (i32.const 12)))
      (else
        ;; iovec at 0: {buf = 16, len = 5}
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 5))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
