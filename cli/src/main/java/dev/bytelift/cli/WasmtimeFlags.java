package dev.bytelift.cli;

import java.util.List;

/**
 * Wasmtime's option groups {@code -W KEY=VALUE,...} (WebAssembly) and {@code -S KEY[=VALUE],...}
 * (WASI), for the keys Bytelift has: a command line written for {@code wasmtime run} works
 * unchanged. Keys and value syntax follow Wasmtime's: numbers may contain {@code _} or be
 * {@code 0x} hexadecimal, booleans are {@code y}/{@code yes}/{@code true}, {@code n}/{@code no}/
 * {@code false} or absent (yes). An unknown key or a malformed value is an
 * {@link IllegalArgumentException} (a usage error).
 */
final class WasmtimeFlags {
    /** The {@code -W} keys understood. */
    static final String W_KEYS = "fuel, timeout, max-wasm-stack, max-memory-size, trap-on-grow-failure";
    /** The {@code -S} keys understood. */
    static final String S_KEYS = "inherit-env";

    /** {@code -W fuel=N}, or null. */
    Long fuel;
    /** {@code -W timeout=DURATION} as written, or null. */
    String timeout;
    /** {@code -W max-wasm-stack=N}, or null. */
    Integer maxWasmStack;
    /** {@code -W max-memory-size=BYTES}, or null. */
    Long maxMemorySize;
    /** {@code -W trap-on-grow-failure[=y|n]}. */
    boolean trapOnGrowFailure;
    /** {@code -S inherit-env}. */
    boolean inheritEnv;

    /** Parses every {@code -W} and {@code -S} argument; later keys override earlier ones. */
    static WasmtimeFlags parse(List<String> w, List<String> s) {
        WasmtimeFlags f = new WasmtimeFlags();
        for (String arg : w) {
            for (String kv : arg.split(",", -1)) {
                String key = key(kv);
                String val = value(kv);
                switch (key) {
                    case "fuel" -> f.fuel = number("-W", kv, val, Long.MAX_VALUE);
                    case "timeout" -> {
                        Durations.parse(required("-W", kv, val));
                        f.timeout = val;
                    }
                    case "max-wasm-stack" -> f.maxWasmStack = (int) number("-W", kv, val, Integer.MAX_VALUE);
                    case "max-memory-size" -> f.maxMemorySize = number("-W", kv, val, Long.MAX_VALUE);
                    case "trap-on-grow-failure" -> f.trapOnGrowFailure = bool("-W", kv, val);
                    default -> throw new IllegalArgumentException("unknown -W option: " + key + " (known: " + W_KEYS + ")");
                }
            }
        }
        for (String arg : s) {
            for (String kv : arg.split(",", -1)) {
                String key = key(kv);
                if (!key.equals("inherit-env")) {
                    throw new IllegalArgumentException("unknown -S option: " + key + " (known: " + S_KEYS + ")");
                }
                f.inheritEnv = bool("-S", kv, value(kv));
            }
        }
        return f;
    }

    private static String key(String kv) {
        int eq = kv.indexOf('=');
        return eq < 0 ? kv : kv.substring(0, eq);
    }

    private static String value(String kv) {
        int eq = kv.indexOf('=');
        return eq < 0 ? null : kv.substring(eq + 1);
    }

    private static String required(String group, String kv, String val) {
        if (val == null) throw new IllegalArgumentException("failed to parse " + group + " option '" + kv + "': write KEY=VALUE");
        return val;
    }

    /** A non-negative number at most {@code max}: decimal or {@code 0x} hex, {@code _} ignored (as Wasmtime). */
    private static long number(String group, String kv, String val, long max) {
        String v = required(group, kv, val).replace("_", "");
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n >= 0 && n <= max && !v.startsWith("-") && !v.startsWith("+")) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("failed to parse " + group + " option '" + kv + "': not a number from 0 to " + max);
    }

    private static boolean bool(String group, String kv, String val) {
        if (val == null) return true;
        return switch (val) {
            case "y", "yes", "true" -> true;
            case "n", "no", "false" -> false;
            default -> throw new IllegalArgumentException("failed to parse " + group + " option '" + kv + "': write y or n");
        };
    }
}
