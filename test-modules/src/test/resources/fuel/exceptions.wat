;; Fuel across WebAssembly exceptions (FuelExceptionsTest; numbers from
;; test-modules/scripts/fuel-exceptions-wasmtime.py on Wasmtime 49).
(module
  (tag $e (param i32))
  (tag $other)
  (memory (export "mem") 1)

  ;; three frames below the catch: $f3 throws $e with (n + 1)
  (func $f3 (param i32)
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
    (throw $e (i32.add (local.get 0) (i32.const 1))))
  (func $f2 (param i32)
    (local.get 0) (i32.const 2) (i32.mul) (call $f3)
    (i32.store (i32.const 4) (i32.const 99)))
  (func $f1 (param i32)
    (local.get 0) (call $f2)
    (i32.store (i32.const 8) (i32.const 99)))

  ;; catches $e three frames up, then works a little with the value
  (func (export "catch3") (param i32) (result i32)
    (local $r i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (call $f1 (local.get 0)))
      (i32.const -1)
      (return))
    (local.set $r)
    (local.get $r) (i32.const 10) (i32.add))

  ;; a loop that throws and catches n times in the same frame
  (func (export "loop") (param i32) (result i32)
    (local $acc i32)
    (loop $l
      (block $h (result i32)
        (try_table (catch $e $h)
          (throw $e (local.get 0)))
        (unreachable))
      (local.get $acc) (i32.add) (local.set $acc)
      (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $l))
    (local.get $acc))

  ;; catch_all_ref and throw_ref: caught, rethrown, caught again one frame up
  (func $rethrower (param i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $f1 (local.get 0)))
      (return))
    (i32.store (i32.const 12) (i32.const 7))
    (throw_ref))
  (func (export "rethrow") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $rethrower (local.get 0)))
      (i32.const -1)
      (return))
    (i32.const 1) (i32.add))

  ;; a catch that does not match: the exception goes on to the next handler
  (func (export "nomatch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (block $o
          (try_table (catch $other $o) (call $f1 (local.get 0)))))
      (i32.const -1)
      (return)))
)
