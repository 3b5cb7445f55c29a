;; Wasmtime tests/all/traps.rs start_trap_pretty
(module $m
  (func $die unreachable)
  (func call $die)
  (func $foo call 1)
  (func $start call $foo)
  (start $start))
