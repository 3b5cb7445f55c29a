;; Byte-at-a-time copy and fill loops (ByteLoopsTest): the shapes C's naive memcpy, memmove and
;; memset compile to, variants of their operators' order and form, and loops that look alike but
;; must not be taken for them. Memory: one page.
(module
  (memory (export "memory") 1)

  ;; clang's memcpy: pointer and source step up, the counter is decremented and tested (SQLite's)
  (func (export "copy_up") (param $d i32) (param $s i32) (param $n i32) (result i32)
    (local $p i32)
    local.get $n
    if
      local.get $d
      local.set $p
      loop
        local.get $p
        local.get $s
        i32.load8_u
        i32.store8
        local.get $p
        i32.const 1
        i32.add
        local.set $p
        local.get $s
        i32.const 1
        i32.add
        local.set $s
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        br_if 0
      end
    end
    local.get $p)

  ;; memmove's downward half: both pointers decremented before use
  (func (export "copy_down") (param $d i32) (param $s i32) (param $n i32) (result i32)
    local.get $n
    if
      local.get $d
      local.get $n
      i32.add
      local.set $d
      local.get $s
      local.get $n
      i32.add
      local.set $s
      loop
        local.get $d
        i32.const 1
        i32.sub
        local.tee $d
        local.get $s
        i32.const 1
        i32.sub
        local.tee $s
        i32.load8_u
        i32.store8
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        br_if 0
      end
    end
    local.get $d)

  ;; memset: a value from a local
  (func (export "fill_up") (param $d i32) (param $v i32) (param $n i32) (result i32)
    local.get $n
    if
      loop
        local.get $d
        local.get $v
        i32.store8
        local.get $d
        i32.const 1
        i32.add
        local.set $d
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        br_if 0
      end
    end
    local.get $d)

  ;; a constant fill, downwards, memarg offsets, the counter decremented with i32.add -1 first,
  ;; the pointer stepped with the constant first
  (func (export "fill_down_offset") (param $d i32) (param $n i32) (result i32)
    loop
      local.get $n
      i32.const -1
      i32.add
      local.set $n
      local.get $d
      i32.const 171
      i32.store8 offset=5
      i32.const -1
      local.get $d
      i32.add
      local.set $d
      local.get $n
      br_if 0
    end
    local.get $d)

  ;; a copy with offsets on both accesses and the source read one past its pointer, no guard
  ;; (a counter of 0 runs 2^32 iterations, so it traps)
  (func (export "copy_offsets") (param $d i32) (param $s i32) (param $n i32) (result i32)
    loop
      local.get $d
      local.get $s
      i32.const 1
      i32.add
      i32.load8_u offset=3
      i32.store8 offset=7
      local.get $s
      i32.const 1
      i32.add
      local.set $s
      local.get $d
      i32.const 1
      i32.add
      local.set $d
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if 0
    end
    local.get $s)

  ;; look-alikes, translated as loops: the counter is also the address
  (func (export "not_counter_address") (param $n i32) (result i32)
    loop
      local.get $n
      i32.const 7
      i32.store8
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if 0
    end
    local.get $n)

  ;; another local changes too (a sum of the bytes copied)
  (func (export "not_extra_local") (param $d i32) (param $s i32) (param $n i32) (result i32)
    (local $sum i32)
    loop
      local.get $d
      local.get $s
      i32.load8_u
      i32.store8
      local.get $sum
      i32.const 1
      i32.add
      local.set $sum
      local.get $d
      i32.const 1
      i32.add
      local.set $d
      local.get $s
      i32.const 1
      i32.add
      local.set $s
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if 0
    end
    local.get $sum)

  ;; pointers stepping in opposite directions (a reversal)
  (func (export "not_reverse") (param $d i32) (param $s i32) (param $n i32) (result i32)
    loop
      local.get $d
      local.get $s
      i32.load8_u
      i32.store8
      local.get $d
      i32.const 1
      i32.add
      local.set $d
      local.get $s
      i32.const 1
      i32.sub
      local.set $s
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if 0
    end
    local.get $d)
)
