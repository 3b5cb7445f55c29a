;; ExceptionBench and bench/scripts/exceptions_wasmtime.py: throw + catch across 10 frames.
;; run(n): n times, call a chain of 10 functions whose last throws $e (i); the catch in run
;; adds the payload. Returns the sum (n * (n - 1) / 2 for the checksum).
(module
  (tag $e (param i32))
  (func $d10 (param i32) (throw $e (local.get 0)))
  (func $d9 (param i32) (call $d10 (local.get 0)))
  (func $d8 (param i32) (call $d9 (local.get 0)))
  (func $d7 (param i32) (call $d8 (local.get 0)))
  (func $d6 (param i32) (call $d7 (local.get 0)))
  (func $d5 (param i32) (call $d6 (local.get 0)))
  (func $d4 (param i32) (call $d5 (local.get 0)))
  (func $d3 (param i32) (call $d4 (local.get 0)))
  (func $d2 (param i32) (call $d3 (local.get 0)))
  (func $d1 (param i32) (call $d2 (local.get 0)))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $sum i64)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (block $h (result i32)
          (try_table (catch $e $h) (call $d1 (local.get $i)))
          (unreachable))
        (i64.extend_i32_u)
        (local.get $sum)
        (i64.add)
        (local.set $sum)
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $sum))
)
