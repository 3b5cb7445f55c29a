;; Reference operators: ref.null of both types, ref.is_null, and ref.func (the function is
;; declared by an element segment, as validation requires).
(module
  (elem declare func $target)
  (func $target (result i32) (i32.const 1))
  (func $nulls (export "nulls") (result funcref externref)
    (ref.null func)
    (ref.null extern))
  (func $is_null (export "is_null") (param externref funcref) (result i32)
    (i32.add (ref.is_null (local.get 0)) (ref.is_null (local.get 1))))
  (func $ref_func (export "ref_func") (result funcref)
    (ref.func $target))
  (func $ref_func_is_null (export "ref_func_is_null") (result i32)
    (ref.is_null (ref.func $target))))
