package dev.bytelift.runtime;

/**
 * The fuel cost of each operator, like Wasmtime's {@code operator_cost}. The translator sums the
 * costs of each straight-line run at compile time.
 */
@FunctionalInterface
public interface OperatorCost {
    /**
     * The cost of one operator.
     *
     * @param opcode the first byte ({@code 0xFC} / {@code 0xFD} for prefixed operators)
     * @param subOpcode the sub-opcode of a prefixed operator, otherwise -1
     */
    int cost(int opcode, int subOpcode);

    /**
     * The further cost per byte or element of a bulk operator ({@code memory.fill}, {@code
     * memory.copy}, {@code memory.init}, {@code table.fill}, {@code table.copy}, {@code
     * table.init}), charged once the operation has completed (an operation that traps costs only
     * {@link #cost}), with the fuel checked right after; and per page or element of {@code
     * memory.grow} and {@code table.grow}, charged and checked only if the growth succeeded. As in
     * Wasmtime 49, a count that is a compile-time constant (to Cranelift) whose cost is at most
     * 128 is charged with the operator's own cost, without a check, whatever the outcome. 0 unless
     * overridden.
     *
     * @param opcode the first byte ({@code 0xFC})
     * @param subOpcode the sub-opcode
     */
    default int costPerElement(int opcode, int subOpcode) {
        return 0;
    }

    /**
     * Wasmtime's costs (as of Wasmtime 49): 0 for {@code nop}, {@code drop}, {@code block},
     * {@code loop}, {@code unreachable}, {@code return}, {@code else} and {@code end}; 1 for every
     * other operator; and 1 per byte or element of a bulk operator, page or element of a grow
     * operator. (Every function also costs 1 on entry.)
     */
    OperatorCost WASMTIME = new OperatorCost() {
        @Override
        public int cost(int opcode, int sub) {
            return switch (opcode) {
                case 0x01, 0x1A, 0x02, 0x03, 0x00, 0x0F, 0x05, 0x0B -> 0;
                default -> 1;
            };
        }

        @Override
        public int costPerElement(int opcode, int sub) {
            return 1;
        }

        @Override
        public String toString() {
            return "OperatorCost.WASMTIME";
        }
    };
}
