;; Wasmtime tests/all/traps.rs test_trap_through_host: a -> host a -> b -> host b -> c traps
(module $hello_mod
  (import "" "a" (func $host_func_a))
  (import "" "b" (func $host_func_b))
  (func $a (export "a") call $host_func_a)
  (func $b (export "b") call $host_func_b)
  (func $c (export "c") unreachable))
