;; Wasmtime tests/all/traps.rs test_trap_trace: unreachable at 0x26, the call at 0x21
(module $hello_mod
  (func (export "run") (call $hello))
  (func $hello (unreachable)))
