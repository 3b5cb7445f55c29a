;; Stack limit scenarios (after Wasmtime's stack_overflow.rs).
(module
  (func $run (export "run") (call $run))
  (func $nest (export "nest") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $nest (i32.sub (local.get 0) (i32.const 1)))))))
)
