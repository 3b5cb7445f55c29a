/**
 * The {@code bytelift} command line. The launcher runs the shaded jar on the class path (this
 * descriptor is left out of it); on the module path, run it with {@code -m dev.bytelift.cli}.
 */
module dev.bytelift.cli {
    requires dev.bytelift.runtime;
    requires dev.bytelift.wasi;
    requires dev.bytelift.wast;
    requires info.picocli;
    requires org.objectweb.asm; // the launcher's class-file upgrade for its CDS archive

    // picocli reads the commands' annotated fields and methods reflectively
    opens dev.bytelift.cli to info.picocli;
}
