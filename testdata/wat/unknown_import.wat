;; unknown_import.wat - a module whose import cannot be satisfied by a WASI host.
;;
;; Imports env.does_not_exist : (i32) -> i32 and exports _start, which calls it.
;; Instantiation must fail with a clear "unknown/unresolved import" error
;; before any guest code runs. Expected stdout: nothing.
(module
  (import "env" "does_not_exist" (func $does_not_exist (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $does_not_exist (i32.const 42)))))
