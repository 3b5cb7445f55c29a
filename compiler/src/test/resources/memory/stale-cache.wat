;; The memory cache after something grew memory, on every control-flow path (MemoryCacheTest).
;; $grow adds a page and writes 1000 + the new page's number at its start; each export grows
;; memory on some paths, joins them and reads the new page: a stale cache (the array from before
;; the growth) would trap with "out of bounds memory access" instead of returning the marker.
(module
  (memory 1 8)
  (func $grow
    (local $page i32)
    (local.set $page (memory.grow (i32.const 1)))
    (i32.store (i32.mul (local.get $page) (i32.const 65536))
               (i32.add (i32.const 1000) (local.get $page))))
  (func $peek (result i32)                       ;; the marker of the last page
    (i32.load (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536))))

  ;; if/else join: grows in the then arm only
  (func (export "ifElse") (param i32) (result i32)
    (if (local.get 0) (then (call $grow)) (else (nop)))
    (i32.load (i32.const 65536)))

  ;; if without else: the else path falls through to the end
  (func (export "ifOnly") (param i32) (result i32)
    (if (local.get 0) (then (call $grow)))
    (i32.load (i32.const 65536)))

  ;; grows before the if; the else arm reads (it starts with the if's cache state)
  (func (export "elseArm") (param i32) (result i32)
    (call $grow)
    (if (result i32) (local.get 0)
      (then (i32.const 7))
      (else (i32.load (i32.const 65536)))))

  ;; br and br_if to a block's end after growing
  (func (export "brToEnd") (param i32) (result i32)
    (block $done
      (br_if $done (i32.eqz (local.get 0)))
      (call $grow)
      (br $done))
    (i32.load (i32.const 65536)))

  ;; br_table after growing, to three block ends and the default
  (func (export "brTable") (param i32) (result i32)
    (local $r i32)
    (block $c
      (block $b
        (block $a
          (call $grow)
          (br_table $a $b $c (local.get 0)))
        (local.set $r (i32.const 1))
        (br $c))
      (local.set $r (i32.const 2)))
    (i32.add (local.get $r) (i32.load (i32.const 65536))))

  ;; a loop's back edge after growing: the next iteration reads the new page
  (func (export "backEdge") (param i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $next
      (if (i32.gt_u (local.get $i) (i32.const 0))
        (then (local.set $sum (i32.add (local.get $sum) (call $peek)))))
      (call $grow)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get 0))))
    (local.get $sum))

  ;; an unconditional br back to the loop header (from an if) after growing; reads in the loop
  (func (export "brBackEdge") (param i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $next
      (if (i32.gt_u (local.get $i) (i32.const 0))
        (then (local.set $sum (i32.add (local.get $sum)
          (i32.load (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)))))))
      (call $grow)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.lt_u (local.get $i) (local.get 0)) (then (br $next))))
    (local.get $sum))

  ;; a br_table back to the loop header after growing
  (func (export "tableBackEdge") (param i32) (result i32)
    (local $i i32)
    (block $out
      (loop $next
        (drop (i32.load (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536))))
        (call $grow)
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_table $next $out (i32.ge_u (local.get $i) (local.get 0)))))
    (call $peek))

  ;; memory.grow itself (not a call) on one path, memory.size after the join
  (func (export "growOp") (param i32) (result i32)
    (if (local.get 0) (then (drop (memory.grow (i32.const 2)))))
    (i32.add (i32.mul (memory.size) (i32.const 100))
             (i32.load8_u (i32.const 131071))))
)
