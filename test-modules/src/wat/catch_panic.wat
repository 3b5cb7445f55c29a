;; Wasmtime tests/all/traps.rs rust_catch_panic_import: the host catches a failure of a nested
;; call twice, then WebAssembly traps: the backtrace has the trapping frame only
(module $a
  (import "" "panic" (func $panic))
  (import "" "catch panic" (func $catch_panic))
  (func (export "panic") call $panic)
  (func (export "run")
    call $catch_panic
    call $catch_panic
    unreachable))
