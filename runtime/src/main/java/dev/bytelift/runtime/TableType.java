package dev.bytelift.runtime;

/** A table type: element reference type and limits in elements. */
public record TableType(ValType elementType, Limits limits) implements ExternType {
    @Override
    public String kind() {
        return "table";
    }
}
