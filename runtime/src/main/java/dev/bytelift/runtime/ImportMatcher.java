package dev.bytelift.runtime;

/** The spec's import-matching rules (external types, "Import Subtyping"). */
final class ImportMatcher {
    private ImportMatcher() {}

    static boolean matches(ExternType expected, Extern actual) {
        ExternType a = actual.type();
        if (expected instanceof FuncType ft) {
            return a instanceof FuncType && ft.equals(a);
        }
        if (expected instanceof TableType tt) {
            return a instanceof TableType at && at.elementType() == tt.elementType()
                    && at.addressType() == tt.addressType()
                    && tt.limits().acceptsActual(at.limits());
        }
        if (expected instanceof MemoryType mt) {
            return a instanceof MemoryType am && am.addressType() == mt.addressType() && mt.limits().acceptsActual(am.limits());
        }
        GlobalType gt = (GlobalType) expected;
        return a instanceof GlobalType ag && ag.equals(gt);
    }
}
