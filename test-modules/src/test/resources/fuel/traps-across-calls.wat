;; Fuel when a trap ends a call: a callee traps, a caller traps after a call returned, a host function
;; refills the store during the call before its caller traps (FuelTrapsAcrossCallsTest).
(module
  (import "host" "refill" (func $refill))
  (memory 1)
  (func $work_then_trap (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    i32.const 2
    i32.mul
    i32.const 3
    i32.add
    drop
    unreachable)
  (func $cheap (result i32)
    i32.const 1)
  (func (export "callee_traps") (result i32)
    i32.const 7
    i32.const 8
    i32.add
    drop
    i32.const 1
    call $work_then_trap)
  (func (export "trap_after_a_call") (result i32)
    call $cheap
    drop
    i32.const 1
    i32.const 0
    i32.div_s)
  (func (export "host_refills_then_caller_traps") (result i32)
    call $refill
    i32.const 1
    i32.const 2
    i32.add
    drop
    unreachable)
  (func (export "deep_callee_traps") (result i32)
    i32.const 5
    call $work_then_trap
    call $work_then_trap)
)
