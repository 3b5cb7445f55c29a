;; Host-call benchmark module (bench/.../host/HostCallBench): Wasm->host calls in a loop, a
;; Wasm->host->Wasm round trip, and a tiny export for the host->Wasm entry cost.
(module $host_bench
  (import "host" "inc" (func $inc (param i32) (result i32)))
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (import "host" "opaque" (func $opaque (param i32) (result i32)))
  ;; n calls of host.inc, each result fed to the next
  (func (export "call_host") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $inc (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  ;; n calls of host.opaque (whose body the JIT may not inline)
  (func (export "call_opaque") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $opaque (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  ;; n calls of host.reenter, which calls back into "add"
  (func (export "round_trip") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $reenter (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
