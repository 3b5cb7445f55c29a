;; TailCallBench and bench/scripts/tailcall_wasmtime.py: tail-recursive loops of n tail calls.
(module
  (type $st (func (param i64 i64) (result i64)))
  (table 4 funcref)
  (elem (i32.const 0) $s0 $s1 $s2 $s3)

  ;; mutual recursion: even(n) makes n tail calls
  (func $even (export "even") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get $n) (i64.const 1))))))
  (func $odd (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))

  ;; self recursion with an accumulator
  (func $count (export "count") (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $count (i64.sub (local.get $n) (i64.const 1))
                                (i64.add (local.get $acc) (i64.const 3))))))

  ;; a four-state machine through the table: each state tail-calls the next by return_call_indirect
  (func $s0 (type $st)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $st) (i64.sub (local.get 0) (i64.const 1))
              (i64.add (local.get 1) (i64.const 3)) (i32.const 1)))))
  (func $s1 (type $st)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $st) (i64.sub (local.get 0) (i64.const 1))
              (i64.xor (local.get 1) (i64.const 0x55)) (i32.const 2)))))
  (func $s2 (type $st)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $st) (i64.sub (local.get 0) (i64.const 1))
              (i64.mul (local.get 1) (i64.const 5)) (i32.const 3)))))
  (func $s3 (type $st)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $st) (i64.sub (local.get 0) (i64.const 1))
              (i64.rotl (local.get 1) (i64.const 7)) (i32.const 0)))))
  (func $machine (export "machine") (param $n i64) (result i64)
    (return_call $s0 (local.get $n) (i64.const 1)))
)
