package dev.bytelift.chicory;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * A map from objects, compared by identity and held weakly, to values: Chicory's
 * {@code WasmModule} compares (and hashes) its whole content, which a lookup per instance should
 * not cost. Synchronised.
 */
final class WeakIdentityMap<K, V> {
    private final Map<Key<K>, V> map = new HashMap<>();
    private final ReferenceQueue<K> queue = new ReferenceQueue<>();

    private static final class Key<K> extends WeakReference<K> {
        private final int hash;

        Key(K referent, ReferenceQueue<K> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) return true;
            if (!(o instanceof Key<?> k)) return false;
            Object r = get();
            return r != null && r == k.get();
        }
    }

    synchronized V get(K key) {
        expunge();
        return map.get(new Key<>(key, null));
    }

    /** Puts {@code value} unless the key has one; returns the value the key has then. */
    synchronized V putIfAbsent(K key, V value) {
        expunge();
        V old = map.putIfAbsent(new Key<>(key, queue), value);
        return old != null ? old : value;
    }

    private void expunge() {
        for (Object k; (k = queue.poll()) != null; ) map.remove(k);
    }
}
