package dev.bytelift.runtime.internal.aot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.internal.ModuleImage;

/**
 * What an ahead-of-time compiled module holds besides its classes: what instantiation needs (a
 * {@link ModuleImage}), where each function's method is, and what backtraces show. The compiler
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
    /** Per defined function: the offset of its body in the module binary (backtraces). */
    public int[] bodyStarts;
    /** Function names of the {@code name} section, by function index. */
    public Map<Integer, String> funcNames = new java.util.HashMap<>();
}
