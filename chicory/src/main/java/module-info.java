/**
 * Bytelift as the execution engine of Chicory ({@code com.dylibso.chicory}) instances:
 * {@link dev.bytelift.chicory.ByteliftChicory#configure} sets a Chicory {@code Instance.Builder}
 * up to compile the module with Bytelift and run every call on its code.
 */
module dev.bytelift.chicory {
    requires transitive dev.bytelift.runtime;
    requires transitive com.dylibso.chicory.runtime;

    exports dev.bytelift.chicory;
}
