package dev.bytelift.cli;

/** {@code --cache-max-size}: bytes, or with a suffix K, M or G (powers of 1024). */
final class CacheSize {
    private CacheSize() {}

    static long parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("K")) unit = 1L << 10;
        else if (t.endsWith("M")) unit = 1L << 20;
        else if (t.endsWith("G")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(t);
            if (n < 0 || n > Long.MAX_VALUE / unit) throw new NumberFormatException();
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cache-max-size: not a size: '" + text + "' (bytes, or with K, M or G)");
        }
    }
}
