;; Exception handling: throw with values, try_table with every kind of clause and a value under
;; it (moved to a local: the handler starts with an empty operand stack), throw_ref, and the
;; legacy try / catch / catch_all / rethrow / delegate. (The .wasm is Bytelift's text parser's,
;; Wat.toBinary without the name section: neither wabt's wat2wasm nor Wasmtime's parse legacy try.)
(module
  (tag $e (param i32 i64))
  (tag $empty)
  (func $thrower (param i32)
    (if (local.get 0) (then (throw $e (local.get 0) (i64.const 7))))
    (throw $empty))
  (func (export "table") (param i32) (result i64)
    (i64.const 100) ;; under the try_table
    (block $caught (result i32 i64)
      (block $any
        (try_table (catch $e $caught) (catch_all $any)
          (call $thrower (local.get 0)))
        (return (i64.const -1)))
      (return (i64.const -2)))
    (drop)
    (i64.extend_i32_u)
    (i64.add))
  (func (export "ref") (param i32) (result i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $thrower (local.get 0)))
      (return (i32.const 0)))
    (throw_ref))
  (func (export "legacy") (param i32) (result i32)
    (try (result i32)
      (do
        (try (do (call $thrower (local.get 0))) (delegate 0))
        (i32.const 0))
      (catch $e (drop) (drop) (i32.const 1))
      (catch_all (i32.const 2))))
  (func (export "rethrow") (param i32)
    (try (do (call $thrower (local.get 0)))
      (catch_all (rethrow 0))))
)
