;; Wasmtime tests/all/traps.rs call_signature_mismatch
(module $a
  (func $foo
    i32.const 0
    call_indirect)
  (func $bar (param i32))
  (start $foo)
  (table 1 funcref)
  (elem (i32.const 0) 1))
