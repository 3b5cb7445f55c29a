;; Typed function references (3.0): call_ref, ref.as_non_null, br_on_null, br_on_non_null, a
;; non-nullable local, a typed select, and a table with an initialiser. Built with Wasmtime's
;; wat2wasm (wabt's lacks the syntax): build-golden-wasm.sh.
(module
  (type $ii (func (param i32) (result i32)))
  (elem declare func $inc)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (table $t 1 (ref $ii) (ref.func $inc))
  (func $call_ref (export "call_ref") (param $f (ref null $ii)) (param i32) (result i32)
    (call_ref $ii (local.get 1) (local.get $f)))
  (func $as_non_null (export "as_non_null") (param $f (ref null $ii)) (result i32)
    (local $g (ref $ii))
    (local.set $g (ref.as_non_null (local.get $f)))
    (call_ref $ii (i32.const 1) (local.get $g)))
  (func $on_null (export "on_null") (param $f (ref null $ii)) (result i32)
    (block $null
      (return (call_ref $ii (i32.const 2) (br_on_null $null (local.get $f)))))
    (i32.const -1))
  (func $on_non_null (export "on_non_null") (param $f (ref null $ii)) (result i32)
    (call_ref $ii (i32.const 3)
      (block $some (result (ref $ii))
        (br_on_non_null $some (local.get $f))
        (table.get $t (i32.const 0)))))
  (func $select (export "select") (param i32) (result (ref $ii))
    (select (result (ref $ii)) (ref.func $inc) (table.get $t (i32.const 0)) (local.get 0))))
