package dev.bytelift.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported packages (API and SPI) show no ABI state and no internal type: every public or
 * protected field of a public class is final, and no public or protected field, method or
 * constructor names a type of {@code dev.bytelift.runtime.internal} in its signature. The ABI
 * lives in the internal package, which only the compiler and the trampolines may read.
 */
class ApiSurfaceTest {
    private static final String INTERNAL = "dev.bytelift.runtime.internal";

    @Test
    void exportedPackagesHideTheAbi() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Class<?>> classes = exportedClasses();
        assertTrue(classes.size() > 30, "found only " + classes);
        for (Class<?> c : classes) {
            if (!Modifier.isPublic(c.getModifiers())) continue;
            for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
                if (isInternal(s)) problems.add(c.getName() + " extends " + s.getName());
            }
            for (Field f : c.getDeclaredFields()) {
                if (!visible(f.getModifiers())) continue;
                if (!Modifier.isFinal(f.getModifiers())) problems.add("mutable field " + c.getSimpleName() + "." + f.getName());
                if (mentionsInternal(f.getGenericType())) problems.add("field " + c.getSimpleName() + "." + f.getName());
            }
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
            for (Constructor<?> k : c.getDeclaredConstructors()) members.add(k);
            for (Executable m : members) {
                if (!visible(m.getModifiers()) || m.isSynthetic()) continue;
                boolean bad = false;
                for (Type t : m.getGenericParameterTypes()) bad |= mentionsInternal(t);
                if (m instanceof Method method) bad |= mentionsInternal(method.getGenericReturnType());
                if (bad) problems.add(c.getSimpleName() + ": " + m);
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean isInternal(Class<?> c) {
        while (c.isArray()) c = c.getComponentType();
        return c.getPackageName().startsWith(INTERNAL);
    }

    private static boolean mentionsInternal(Type t) {
        // generic signatures print their type arguments too
        return t.getTypeName().contains(INTERNAL + ".") || (t instanceof Class<?> c && isInternal(c));
    }

    /** The classes of dev.bytelift.runtime and .spi, from the build output. */
    private static List<Class<?>> exportedClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : List.of("dev/bytelift/runtime", "dev/bytelift/runtime/spi")) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                    out.add(Class.forName(name, false, Engine.class.getClassLoader()));
                }
            }
        }
        return out;
    }
}
