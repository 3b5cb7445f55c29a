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
     * Wasmtime's costs: 0 for {@code nop}, {@code drop}, {@code block}, {@code loop},
     * {@code unreachable}, {@code return}, {@code else} and {@code end}; 1 for every other
     * operator. (Every function also costs 1 on entry.)
     */
    OperatorCost WASMTIME = (opcode, sub) -> switch (opcode) {
        case 0x01, 0x1A, 0x02, 0x03, 0x00, 0x0F, 0x05, 0x0B -> 0;
        default -> 1;
    };
}
