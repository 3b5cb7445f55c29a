;; Wasmtime tests/all/traps.rs trap_start_function_import: the start function is a host function
(module $a
  (import "" "" (func $foo))
  (start $foo))
