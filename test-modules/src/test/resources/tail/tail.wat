;; Tail-calling functions for TailCallTest and TailCallFuelTest (fuel recorded from Wasmtime 49 by
;; test-modules/scripts/fuel-tail-wasmtime.py): self recursion, mutual recursion, through a table,
;; through function references (return_call_ref), with several results, into a host function, and a
;; plain call of a tail-calling function.
(module
  (import "host" "add" (func $host_add (param i64 i64) (result i64)))
  (type $i64_i32 (func (param i64) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $even_i $odd_i)
  (memory (export "mem") 1)

  ;; counts n down, adding 1 to acc each time: returns acc + n
  (func $count (export "count") (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $count (i64.sub (local.get $n) (i64.const 1))
                                (i64.add (local.get $acc) (i64.const 1))))))

  ;; the same with a plain call: the stack grows with n
  (func $count_plain (export "count_plain") (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (call $count_plain (i64.sub (local.get $n) (i64.const 1))
                               (i64.add (local.get $acc) (i64.const 1))))))

  (func $even (export "even") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get $n) (i64.const 1))))))
  (func $odd (export "odd") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))

  ;; even/odd through the table (entry 0 is even_i, 1 is odd_i)
  (func $even_i (export "even_i") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call_indirect (type $i64_i32) (i64.sub (local.get $n) (i64.const 1)) (i32.const 1)))))
  (func $odd_i (export "odd_i") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect (type $i64_i32) (i64.sub (local.get $n) (i64.const 1)) (i32.const 0)))))

  ;; even/odd through function references (return_call_ref); a null reference traps
  (elem declare func $even_r $odd_r)
  (func $even_r (export "even_r") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call_ref $i64_i32 (i64.sub (local.get $n) (i64.const 1)) (ref.func $odd_r)))))
  (func $odd_r (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_ref $i64_i32 (i64.sub (local.get $n) (i64.const 1)) (ref.func $even_r)))))
  (func $null_r (export "null_r") (param $n i64) (result i32)
    (return_call_ref $i64_i32 (local.get $n) (ref.null $i64_i32)))

  ;; two results and a float argument: (n, x) -> (n + 2x rounded toward zero... counted down, x)
  (func $pair (export "pair") (param $n i32) (param $x f64) (param $k i64) (result i64 f64)
    (if (result i64 f64) (i32.eqz (local.get $n))
      (then (local.get $k) (local.get $x))
      (else (return_call $pair (i32.sub (local.get $n) (i32.const 1))
                               (f64.add (local.get $x) (f64.const 0.5))
                               (i64.add (local.get $k) (i64.const 3))))))

  ;; a tail call of a host function
  (func $to_host (export "to_host") (param $a i64) (param $b i64) (result i64)
    (return_call $host_add (local.get $a) (local.get $b)))

  ;; a plain call of a tail-calling function, then more work, with memory
  (func $outer (export "outer") (param $n i64) (result i64)
    (i64.store (i32.const 8) (call $count (local.get $n) (i64.const 0)))
    (i64.add (i64.load (i32.const 8)) (i64.const 1)))

  ;; never ends: no loop instruction, only function entries
  (func $spin (export "spin") (param $n i64) (result i64)
    (return_call $spin (i64.add (local.get $n) (i64.const 1))))

  ;; backtrace: $bt_a calls $bt_b, which tail-calls $bt_c, which traps
  (func $bt_a (export "bt_a") (result i32) (i32.add (call $bt_b) (i32.const 1)))
  (func $bt_b (result i32) (return_call $bt_c))
  (func $bt_c (result i32) unreachable)

  ;; non-tail recursion that ends in tail calls: depth n of plain calls, then m tail calls at the bottom
  (func $nest (export "nest") (param $n i32) (param $m i64) (result i64)
    (if (result i64) (i32.eqz (local.get $n))
      (then (return_call $count (local.get $m) (i64.const 0)))
      (else (i64.add (call $nest (i32.sub (local.get $n) (i32.const 1)) (local.get $m)) (i64.const 1)))))
)
