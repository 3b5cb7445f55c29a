;; Loops entered with values on the operand stack (LoopHeaderStackTest): HotSpot compiles a loop
;; on-stack (OSR) only if the JVM operand stack is empty at its header, so the compiler keeps these
;; values in JVM locals while the loop runs. Each export's result depends on every value, so a value
;; reloaded wrong or in the wrong order shows; the expected results were checked with Wasmtime.
(module
  (type $ii (func (param i32) (result i32)))
  (memory 1)
  (table 1 funcref)
  (elem (i32.const 0) $nested)

  ;; a value of every type under a loop, all used after it: 34 + max(n, 1)
  (func $under (export "under") (param $n i32) (result i64)
    (local $i i32) (local $a i32) (local $b i64)
    i32.const 7
    i64.const 11
    f32.const 1.5
    f64.const 2.25
    v128.const i32x4 1 2 3 4
    ref.null extern
    ref.func $nested
    (loop $l
      local.get $i i32.const 1 i32.add local.tee $i
      local.get $n i32.lt_s
      br_if $l)
    ref.is_null                                  ;; 0
    local.set $a
    ref.is_null local.get $a i32.add local.set $a ;; 1
    i32x4.extract_lane 2 local.get $a i32.add local.set $a ;; 4
    f64.const 4 f64.mul i64.trunc_f64_s          ;; 9
    local.get $a i64.extend_i32_u i64.add local.set $b ;; 13
    f32.const 2 f32.mul i64.trunc_f32_s local.get $b i64.add ;; 16
    i64.add                                      ;; 27
    local.set $b
    i64.extend_i32_u local.get $b i64.add        ;; 34
    local.get $i i64.extend_i32_u i64.add)

  ;; nested loops with values under each; br_if out of both carrying a value
  (func $nested (export "nested") (param $n i32) (result i32)
    (local $i i32) (local $j i32)
    i32.const 100
    (block $out (result i32)
      i32.const 1000
      (loop $outer
        i32.const 10
        (loop $inner
          local.get $j i32.const 1 i32.add local.set $j
          local.get $j
          local.get $j i32.const 50 i32.eq
          br_if $out
          drop
          local.get $j local.get $n i32.rem_u
          br_if $inner)
        drop
        local.get $i i32.const 1 i32.add local.tee $i
        i32.const 3 i32.lt_u
        br_if $outer)
      local.get $j i32.add)
    i32.add
    local.get $i i32.const 7 i32.mul i32.add)

  ;; a multi-value loop: its parameters are on the stack at the header, a value under them
  (func $params (export "params") (param $n i32) (result i64 i32)
    (local $k i32) (local $p i64)
    i64.const 5
    i32.const 0
    i64.const 1
    (loop $l (param i32 i64) (result i32 i64)
      local.set $p
      local.set $k
      local.get $k i32.const 1 i32.add
      local.get $p i64.const 3 i64.mul local.get $k i64.extend_i32_u i64.add
      local.get $k i32.const 1 i32.add local.get $n i32.lt_u
      br_if $l)
    local.set $p
    local.set $k
    local.get $p i64.add
    local.get $k)

  ;; br_table to the loop, to a block inside it and out of it, with a value under the loop
  (func $table (export "table") (param $n i32) (result i32)
    (local $i i32)
    i32.const 3
    (block $done (result i32)
      f64.const 0.5
      i32.const 0
      (loop $l (param i32) (result i32)
        (block $odd (param i32) (result i32)
          local.get $i i32.const 1 i32.add local.set $i
          local.get $i i32.add
          local.get $i local.get $n i32.ge_u
          (if (result i32) (then i32.const 2) (else local.get $i i32.const 1 i32.and))
          br_table $l $odd $done)
        local.get $i i32.const 10 i32.mul i32.add
        br $l)
      br $done)
    i32.add
    local.get $i i32.const 1000 i32.mul i32.add)

  ;; v128 and reference loop parameters, a return from inside the loop with values under it
  (func $vparams (export "vparams") (param $n i32) (result i32)
    (local $i i32) (local $v v128)
    i64.const 9
    f32.const 0.25
    v128.const i32x4 0 0 0 0
    ref.null func
    (loop $l (param v128 funcref) (result v128 funcref)
      drop
      v128.const i32x4 1 10 100 1000 i32x4.add
      ref.func $under
      local.get $i i32.const 1 i32.add local.tee $i
      i32.const 1000 i32.eq
      (if (param v128 funcref) (result v128 funcref)
        (then drop local.set $v local.get $v i32x4.extract_lane 3 return))
      local.get $i local.get $n i32.lt_u
      br_if $l)
    ref.is_null i32.eqz
    local.set $i
    local.set $v
    drop drop
    local.get $v i32x4.extract_lane 0
    local.get $v i32x4.extract_lane 1 i32.add
    local.get $v i32x4.extract_lane 2 i32.add
    local.get $i i32.add)

  ;; a loop in an if arm and after a call, values under both; an infinite loop left by a br_if
  (func $mixed (export "mixed") (param $n i32) (result i32)
    (local $i i32)
    i32.const 1
    i32.const 20
    local.get $n
    (if (param i32) (result i32)
      (then
        i32.const 2
        (loop $l (param i32) (result i32)
          local.get $n i32.const 0 call_indirect (type $ii)
          i32.add
          local.get $i i32.const 1 i32.add local.tee $i
          i32.const 4 i32.lt_u
          br_if $l)
        i32.add)
      (else
        (block $b (param i32) (result i32)
          (loop $forever
            local.get $i
            local.get $i i32.const 1 i32.add local.tee $i
            i32.const 9 i32.ge_u
            br_if $b
            drop
            br $forever)
          unreachable)))
    i32.add
    local.get $i i32.add)
)
