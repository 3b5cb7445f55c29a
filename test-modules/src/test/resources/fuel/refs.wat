;; Typed function references under fuel (FuelRefsTest; numbers from fuel-refs-wasmtime.py).
(module
  (type $ii (func (param i32) (result i32)))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (elem declare func $inc)
  (table $t 1 (ref null $ii) (ref.func $inc))

  ;; n call_refs of $inc through a non-null local
  (func (export "calls") (param $n i32) (result i32)
    (local $f (ref $ii)) (local $acc i32)
    (local.set $f (ref.func $inc))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call_ref $ii (local.get $acc) (local.get $f)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))

  ;; the same loop with a direct call (Wasmtime 49 loses the callee's fuel in call_ref, not in call)
  (func (export "calls_direct") (param $n i32) (result i32)
    (local $f (ref $ii)) (local $acc i32)
    (local.set $f (ref.func $inc))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $inc (local.get $acc) (drop (local.get $f))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))

  ;; br_on_null / br_on_non_null / ref.as_non_null on null (0) or a function (else)
  (func (export "branches") (param $nonnull i32) (result i32)
    (local $r (ref null $ii))
    (if (local.get $nonnull) (then (local.set $r (table.get $t (i32.const 0)))))
    (block $null
      (drop (br_on_null $null (local.get $r)))
      (return (i32.const 1)))
    (block $nn (result (ref $ii))
      (br_on_non_null $nn (local.get $r))
      (return (i32.const 2)))
    (drop)
    (i32.const 3))

  (func (export "as_non_null") (param $nonnull i32) (result i32)
    (local $r (ref null $ii))
    (if (local.get $nonnull) (then (local.set $r (table.get $t (i32.const 0)))))
    (drop (ref.as_non_null (local.get $r)))
    (i32.const 42))

  ;; call_ref of null traps
  (func (export "call_null") (result i32)
    (call_ref $ii (i32.const 0) (ref.null $ii)))
)
