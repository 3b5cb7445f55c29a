;; Wasmtime tests/all/traps.rs trap_display_pretty (and module $a of trap_display_multi_module)
(module $m
  (func $die unreachable)
  (func call $die)
  (func $foo call 1)
  (func (export "bar") call $foo))
