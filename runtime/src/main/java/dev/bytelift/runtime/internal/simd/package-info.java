/**
 * The semantics of the WebAssembly 2.0 SIMD ({@code v128}, prefix {@code 0xFD}) instructions as
 * static methods that generated code calls; {@link dev.bytelift.runtime.internal.simd.SimdTable}
 * maps each sub-opcode to its method.
 *
 * <h2>ABI</h2>
 * <ul>
 *   <li>A {@code v128} is two {@code long}s: {@code lo} = bytes 0..7, {@code hi} = bytes 8..15 of
 *       the little-endian value; lane 0 of every shape is in the lowest bits of {@code lo}.</li>
 *   <li>Method name = instruction name with {@code '.'} replaced by {@code '_'}; no overloads.</li>
 *   <li>Parameters: the operands in push order (a v128 as {@code lo, hi}; i32 {@code int}, i64
 *       {@code long}, f32 {@code float}, f64 {@code double}); then, for memory instructions,
 *       {@code byte[] mem, int offset} (the memarg offset's raw u32 bits); then a lane index
 *       {@code int lane}; for {@code i8x16.shuffle} the 16 lane-index bytes as {@code long maskLo,
 *       long maskHi}; then, if the result is a v128, the {@link dev.bytelift.runtime.internal.Scratch}.
 *       Alignment immediates are not passed.</li>
 *   <li>Result: a v128 result returns {@code lo} and stores {@code hi} in
 *       {@link dev.bytelift.runtime.internal.Scratch#v128Hi}; a scalar result is returned
 *       directly; stores return {@code void}.</li>
 *   <li>Out-of-bounds memory accesses throw {@link java.lang.IndexOutOfBoundsException}, before
 *       anything is written.</li>
 * </ul>
 */
package dev.bytelift.runtime.internal.simd;
