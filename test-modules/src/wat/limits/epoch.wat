;; Epoch interruption scenarios (after Wasmtime's epoch_interruption.rs and iloop.rs).
(module
  (func (export "loop_br") (loop (br 0)))
  (func $tree (export "tree") (param i32)
    (if (local.get 0)
      (then
        (call $tree (i32.sub (local.get 0) (i32.const 1)))
        (call $tree (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "nothing"))
)
