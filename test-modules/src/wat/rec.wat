;; Wasmtime tests/all/traps.rs test_trap_stack_overflow
(module $rec_mod
  (func $run (export "run") (call $run)))
