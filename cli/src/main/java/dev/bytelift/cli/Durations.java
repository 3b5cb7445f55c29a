package dev.bytelift.cli;

import dev.bytelift.runtime.Engine;

/** Parses {@code --timeout} values and runs the epoch ticker. */
final class Durations {
    private Durations() {}

    /**
     * Nanoseconds in {@code 300ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 500us}, {@code 10ns},
     * or a bare number of seconds ({@code 2}, as Wasmtime's {@code -W timeout=2}).
     */
    static long parse(String s) {
        String t = s.strip().toLowerCase();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) t += "s";
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}, {"m", "60000000000"}};
        for (int i = 0; i < units.length; i++) {
            String u = units[i][0];
            if (t.endsWith(u) && !(u.equals("s") && (t.endsWith("ns") || t.endsWith("us") || t.endsWith("ms")))
                    && !(u.equals("m") && t.endsWith("ms"))) {
                try {
                    double v = Double.parseDouble(t.substring(0, t.length() - u.length()));
                    if (v < 0 || Double.isNaN(v)) break;
                    return (long) (v * Long.parseLong(units[i][1]));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("invalid timeout '" + s + "' (write e.g. 300ms, 2s, 1m; a bare number is seconds)");
    }

    /** A daemon thread that advances the engine's epoch once after {@code nanos}. */
    static Thread tickAfter(Engine engine, long nanos) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                engine.incrementEpoch();
            } catch (InterruptedException e) {
                // the guest finished first
            }
        }, "bytelift-timeout");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
