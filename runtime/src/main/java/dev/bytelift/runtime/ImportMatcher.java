package dev.bytelift.runtime;

/** The spec's import-matching rules (external types, "Import Subtyping"). */
final class ImportMatcher {
    private ImportMatcher() {}

    static boolean matches(ExternType expected, Extern actual) {
        return matches(expected, actual.type());
    }

    static boolean matches(ExternType expected, ExternType a) {
        if (expected instanceof FuncType ft) {
            return a instanceof FuncType && ft.equals(a);
        }
        if (expected instanceof TableType tt) {
            return a instanceof TableType at && at.elementType().equals(tt.elementType())
                    && at.addressType() == tt.addressType()
                    && tt.limits().acceptsActual(at.limits());
        }
        if (expected instanceof MemoryType mt) {
            return a instanceof MemoryType am && am.addressType() == mt.addressType() && mt.limits().acceptsActual(am.limits());
        }
        if (expected instanceof TagType tt) {
            return a instanceof TagType at && at.equals(tt);
        }
        GlobalType gt = (GlobalType) expected;
        // an immutable global may be of a subtype; a mutable one is read and written: equal types
        return a instanceof GlobalType ag && ag.mutable() == gt.mutable()
                && (gt.mutable() ? ag.valType().equals(gt.valType()) : ag.valType().isSubtypeOf(gt.valType()));
    }
}
