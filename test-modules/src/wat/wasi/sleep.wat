;; sleep.wat - a WASI program that sleeps for ever, 10 s at a time, with poll_oneoff.
;; Used to check that `bytelift run --timeout` interrupts a guest even while it waits
;; in the host: the poll returns early (EINTR) and the loop's epoch check traps.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff"
    (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; one subscription at 0: userdata 0, tag 0 (clock) at 8, clock id 1 (MONOTONIC) at 16,
  ;; timeout at 24, precision at 32, flags at 40 (relative); the event goes to 64, the count to 128
  (data (i32.const 16) "\01")
  (func (export "_start")
    (i64.store (i32.const 24) (i64.const 10000000000))
    (loop $again
      (drop (call $poll_oneoff (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))
      (br $again))))
