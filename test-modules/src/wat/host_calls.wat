;; Host calls: the exit and entry fields seen from host functions, re-entry and its depth
(module $host_calls
  (import "host" "observe" (func $observe (param i32) (result i32)))
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; calls the host twice, at two call sites
  (func $twice (export "twice") (param i32) (result i32)
    (i32.add (call $observe (local.get 0)) (call $observe (i32.const 0))))
  ;; n > 0: goes to the host, which calls back "down" with n - 1
  (func $down (export "down") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (call $reenter (local.get $n)) (i32.const 1)))))
  ;; a trap below a host call, for restoration tests
  (func $boom (export "boom") unreachable)
  (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $sum (export "sum_memory") (param $ptr i32) (param $len i32) (result i64) (local $s i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $len)))
        (local.set $s (i64.add (local.get $s) (i64.load8_u (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $l)))
    (local.get $s)))
