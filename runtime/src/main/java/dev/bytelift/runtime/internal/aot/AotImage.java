package dev.bytelift.runtime.internal.aot;

import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.internal.ModuleImage;

/**
 * What an ahead-of-time compiled module holds besides its classes: what instantiation and
 * backtraces need (a {@link ModuleImage}) and where each function's method is. The compiler
 * fills it in from its decoded module ({@code serial/AotWriter}); {@link AotFormat} writes and
 * reads it; {@link AotModule} instantiates.
 */
public final class AotImage extends ModuleImage {
    /** Internal name of the module's main class. */
    public String mainClass;
    /** Internal names of every class of the module, the main class first. */
    public final List<String> classes = new ArrayList<>();
    /** The engine type id of each type, which the code has built in. */
    public int[] typeIds;
    /** Per defined function: the index in {@link #classes} of the class holding its method. */
    public int[] owners;
    /** Per defined function: its method's name. */
    public String[] methods;
}
