/** A program that embeds Bytelift from the module path, as ModulePathTest runs it. */
module dev.bytelift.modtest {
    requires dev.bytelift.wasi; // and dev.bytelift.runtime, transitively
}
