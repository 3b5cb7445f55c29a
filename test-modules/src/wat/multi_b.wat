;; Wasmtime tests/all/traps.rs trap_display_multi_module, module $b (imports $a's bar)
(module $b
  (import "" "" (func $bar))
  (func $middle call $bar)
  (func (export "bar2") call $middle))
