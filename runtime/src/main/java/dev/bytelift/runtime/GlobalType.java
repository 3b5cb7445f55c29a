package dev.bytelift.runtime;

/** A global type: value type and mutability. */
public record GlobalType(ValType valType, boolean mutable) implements ExternType {
    @Override
    public String kind() {
        return "global";
    }
}
