;; Split functions' frames (FrameStackSplitTest): compiled with every function split, these
;; check that locals start at zero/null on every call, survive calls of other activations, and
;; that recursion, traps and host functions calling back leave the store's frame stack consistent.
(module
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  ;; a + b + x, where a and b must be 0 on entry; then dirties them
  (func $fresh (export "fresh") (param $x i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $t (i64.add (i64.add (local.get $a) (local.get $b)) (i64.extend_i32_u (local.get $x))))
    (local.set $a (i64.const 1000))
    (local.set $b (i64.const 2000))
    (local.get $t))
  ;; calls fresh(n), fresh(n-1) ... fresh(1) from WebAssembly: n(n+1)/2
  (func $loop (export "loop") (param $n i32) (result i64)
    (local $s i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i64.add (local.get $s) (call $fresh (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  ;; n(n+1)/2 by recursion, keeping n in a local across the call
  (func $nest (export "nest") (param $n i32) (result i32)
    (local $keep i32)
    (local.set $keep (local.get $n))
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (local.get $keep) (call $nest (i32.sub (local.get $n) (i32.const 1)))))))
  ;; recursion that traps (unreachable) n calls deep
  (func $trap_deep (export "trap_deep") (param $n i32) (result i32)
    (local $keep i32)
    (local.set $keep (local.get $n))
    (if (i32.eqz (local.get $n)) (then unreachable))
    (i32.add (local.get $keep) (call $trap_deep (i32.sub (local.get $n) (i32.const 1)))))
  ;; 3n + host.reenter(n), keeping 3n in a local across the host call
  (func $outer (export "outer") (param $n i32) (result i32)
    (local $a i32)
    (local.set $a (i32.mul (local.get $n) (i32.const 3)))
    (i32.add (call $reenter (local.get $n)) (local.get $a)))
  ;; returns r after n nested calls passing null; an unset reference local must be null
  (func $refs (export "refs") (param $r externref) (param $n i32) (result externref)
    (local $s externref) (local $u externref)
    (if (i32.eqz (ref.is_null (local.get $u))) (then unreachable))
    (local.set $s (local.get $r))
    (local.set $u (local.get $r))
    (if (local.get $n)
      (then (drop (call $refs (ref.null extern) (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $s))
)
