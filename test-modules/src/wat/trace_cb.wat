;; Wasmtime tests/all/traps.rs test_trap_trace_cb: the host function throws
(module $hello_mod
  (import "" "throw" (func $throw))
  (func (export "run") (call $hello))
  (func $hello (call $throw)))
