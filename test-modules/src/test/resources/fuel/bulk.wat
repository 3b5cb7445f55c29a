;; Bulk operators under fuel metering (FuelBulkTest; expected values from Wasmtime 49,
;; test-modules/scripts/fuel-bulk-wasmtime.py). After each bulk operator a marker is stored, so that
;; running out of fuel right after it shows whether the operation itself happened.
(module
  (memory 1) (export "mem" (memory 0))
  (table 10 funcref)
  (data $d "0123456789abcdef0123456789abcdef")
  (elem $e func $f $f $f $f)
  (func $f)
  (func (export "fill") (param i32)
    (memory.fill (i32.const 0) (i32.const 7) (local.get 0)) (i32.store8 (i32.const 5000) (i32.const 1)))
  (func (export "copy") (param i32)
    (memory.copy (i32.const 100) (i32.const 0) (local.get 0)) (i32.store8 (i32.const 5000) (i32.const 1)))
  (func (export "init") (param i32)
    (memory.init $d (i32.const 0) (i32.const 0) (local.get 0)) (i32.store8 (i32.const 5000) (i32.const 1)))
  (func (export "tfill") (param i32)
    (table.fill (i32.const 0) (ref.null func) (local.get 0)) (i32.store8 (i32.const 5000) (i32.const 1)))
  (func (export "tcopy") (param i32)
    (table.copy (i32.const 5) (i32.const 0) (local.get 0)) (i32.store8 (i32.const 5000) (i32.const 1)))
  (func (export "tinit") (param i32)
    (table.init $e (i32.const 0) (i32.const 0) (local.get 0)) (i32.store8 (i32.const 5000) (i32.const 1)))
)
