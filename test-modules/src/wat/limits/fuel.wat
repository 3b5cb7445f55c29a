;; Fuel accounting scenarios (after Wasmtime's fuel.wast); each export's cost is asserted in FuelTest.
(module
  (import "host" "fuel" (func $host_fuel))   ;; reports the fuel its caller has left
  (type $v (func))
  (table 1 funcref)
  (elem (i32.const 0) $empty)
  (func $empty)
  (func $const_arg (param i32) (i32.const 0) (drop))
  (func $ret_const (result i32) (i32.const 7))
  (func (export "empty"))                                                   ;; 1
  (func (export "const_drop") (i32.const 1) (drop))                         ;; 2
  (func (export "block") (block))                                           ;; 1
  (func (export "unreachable") (unreachable))                               ;; 1
  (func (export "six_then_unreachable")
    (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
    (unreachable))                                                          ;; 7
  (func (export "return_dead") (return) (i32.const 1) (drop))               ;; 1
  (func (export "if_not_taken") (if (i32.const 0) (then (call $empty))))    ;; 3
  (func (export "if_taken") (if (i32.const 1) (then (nop) (i32.const 1) (drop))))            ;; 4
  (func (export "if_else_taken") (if (i32.const 0) (then (i32.const 1) (drop)) (else (i32.const 1) (drop))))  ;; 4
  (func (export "br_if_taken") (block (br_if 0 (i32.const 1))))             ;; 3
  (func (export "br_if_not_taken") (block (br_if 0 (i32.const 0)) (nop) (i32.const 1) (drop)))  ;; 4
  (func (export "call_empty") (call $empty))                                ;; 3
  (func (export "call_const_arg") (call $const_arg (i32.const 0)))          ;; 5
  (func (export "call_ret_const") (drop (call $ret_const)))                 ;; 4
  (func (export "call_indirect") (call_indirect (type $v) (i32.const 0)))   ;; 4
  (func (export "loop") (loop))                                             ;; 1
  (func (export "countdown") (local i32)
    (local.set 0 (i32.const 10))
    (loop $l
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))     ;; 53
  (func (export "cost4") (i32.const 1) (i32.const 2) (drop) (drop) (nop) (i32.const 3) (drop))  ;; 1 + 3 = 4
  ;; runaway guests
  (func (export "loop_br") (loop (br 0)))
  (func (export "loop_br_if") (loop (br_if 0 (i32.const 1))))
  (func (export "loop_br_table") (loop (br_table 0 0 (i32.const 0))))
  (func $tree (export "tree") (param i32)
    (if (local.get 0)
      (then
        (call $tree (i32.sub (local.get 0) (i32.const 1)))
        (call $tree (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "call_host") (i32.const 1) (drop) (call $host_fuel))
  ;; trap after work: fuel spent before the trap is kept
  (memory 1)
  (func (export "work_then_oob") (i32.const 1) (drop) (i32.const 2) (drop)
    (drop (i32.load (i32.const 70000))))                                   ;; entry 1 + three consts + the load = 5
  (func (export "div_zero") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))  ;; 1 + 3 = 4
)
