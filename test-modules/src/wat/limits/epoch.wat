;; Epoch interruption scenarios (after Wasmtime's epoch_interruption.rs and iloop.rs).
(module
  (func (export "loop_br") (loop (br 0)))
  (func $tree (export "tree") (param i32)
    (if (local.get 0)
      (then
        (call $tree (i32.sub (local.get 0) (i32.const 1)))
        (call $tree (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "nothing"))
  ;; a loop whose body calls a function with a loop of its own: the callee's checks move the
  ;; deadline on (through the callback) while the caller still has the old one cached
  (func $spin (param i32)
    (loop
      (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "loop_call") (loop (call $spin (i32.const 1000)) (br 0)))
)
