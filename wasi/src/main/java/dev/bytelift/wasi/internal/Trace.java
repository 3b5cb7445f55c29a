package dev.bytelift.wasi.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;

/** The one-line form of a WASI call for {@code Wasi.Builder#trace}: {@code fd_write(1, 1024, 1, 2000) -> success}. */
final class Trace {
    private Trace() {}

    /** Errno names by number, lower case as in the witx ({@code success}, {@code badf}, ...). */
    private static final String[] NAMES = names();

    private static String[] names() {
        String[] names = new String[128];
        for (Field f : Errno.class.getFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) continue;
            try {
                int n = f.getInt(null);
                String name = f.getName().toLowerCase(Locale.ROOT);
                if (n >= 0 && n < names.length) names[n] = name.startsWith("e") && n != 0 ? name.substring(1) : name;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    /** {@code name(args)} followed by {@code -> errno} unless {@code errno} is negative (proc_exit, before it runs). */
    static String call(String name, Object[] args, int errno) {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) b.append(", ");
            Object a = args[i];
            b.append(a instanceof Integer v ? Integer.toUnsignedString(v) : a instanceof Long v ? Long.toUnsignedString(v) : a);
        }
        b.append(')');
        if (errno >= 0) {
            String n = errno < NAMES.length ? NAMES[errno] : null;
            b.append(" -> ").append(n != null ? n : "errno " + errno);
        }
        return b.toString();
    }
}
