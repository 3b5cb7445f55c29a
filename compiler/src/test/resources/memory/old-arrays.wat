;; OldMemoryArraysTest: while a callee grows memory, no caller's frame may keep the array it had
;; cached (a grown memory's old array must be garbage at once). $snapshot records the memory's
;; current array weakly after each growth; $check collects garbage and expects every array but
;; the current one gone.
(module
  (import "host" "snapshot" (func $snapshot))
  (import "host" "check" (func $check))
  (memory (export "memory") 1)
  (func $grow
    (drop (memory.grow (i32.const 4)))
    (call $snapshot))
  (func $mid (param $n i32)
    (i32.store (i32.const 8) (local.get $n))   ;; caches the current array
    (call $grow)                                ;; and lets it go for the call
    (i32.store (i32.const 12) (local.get $n))   ;; reloads the grown one
    (call $check))
  (func (export "run") (result i32)
    (i32.store (i32.const 0) (i32.const 7))
    (call $mid (i32.const 1))
    (i32.store (i32.const 4) (i32.const 8))     ;; the caller's cache is fresh again
    (call $mid (i32.const 2))
    (call $mid (i32.const 3))
    (i32.add (i32.load (i32.const 0)) (i32.load (i32.const 12)))))
