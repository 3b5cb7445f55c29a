package dev.bytelift.runtime;

import java.nio.charset.StandardCharsets;
import dev.bytelift.runtime.internal.MemoryAccess;
import dev.bytelift.runtime.internal.VMMemory;

/**
 * A linear memory: a {@code byte[]} of a whole number of 64 KiB pages. A JVM array holds at most
 * 32767 pages (2 GiB - 64 KiB), so {@link #grow} beyond that fails as the spec allows. A memory
 * belongs to one {@link Store} (see {@link #store()}). The accessors check bounds and throw the
 * {@link TrapCode#MEMORY_OUT_OF_BOUNDS} trap for an access outside the memory.
 */
public final class Memory implements Extern {
    /** The most pages one {@code byte[]} can hold. */
    public static final int MAX_PAGES = 32767;

    /** The contents generated code reads (see {@link VMMemory}). */
    final VMMemory vm;

    private final long declaredMax;
    private final StoreOwned owner;

    /**
     * Creates a memory of {@code type.limits().min()} pages of no store yet: it belongs to the
     * first store it is imported into.
     *
     * @throws WasmException if the memory is larger than {@link #MAX_PAGES} or the JVM heap cannot hold it
     */
    public Memory(MemoryType type) {
        this(null, type);
    }

    /**
     * Creates a memory of {@code store} (the runtime creates an instance's memory this way),
     * counted against the store's {@linkplain Store#setAllocationLimit allocation limit}.
     */
    public Memory(Store store, MemoryType type) {
        long min = type.limits().min();
        if (min > MAX_PAGES) {
            throw new WasmException("memory of " + min + " pages exceeds the maximum of " + MAX_PAGES);
        }
        this.declaredMax = type.limits().max();
        this.owner = new StoreOwned(store);
        long size = min * MemoryType.PAGE_SIZE;
        if (store != null && !store.reserve(size)) {
            throw new WasmException("cannot allocate a memory of " + min + " pages: the store's allocation limit of "
                    + store.allocationLimit() + " bytes would be exceeded");
        }
        byte[] bytes;
        try {
            bytes = new byte[(int) size];
        } catch (OutOfMemoryError e) {
            if (store != null) store.release(size);
            throw new WasmException("cannot allocate a memory of " + min + " pages: the JVM heap is too small");
        }
        this.vm = new VMMemory(this, bytes);
    }

    /** The store this memory belongs to, or {@code null} if it has not been used with one yet. */
    public Store store() {
        return owner.store();
    }

    /** Internal: binds this memory to {@code store}; throws if it belongs to another. */
    void bindTo(Store store) {
        owner.bind(store, this);
    }

    /** The current size in pages. */
    public int pages() {
        return vm.bytes.length >>> 16;
    }

    /** The current size in bytes. */
    public int byteSize() {
        return vm.bytes.length;
    }

    /**
     * The current contents, not a copy (Wasmtime's {@code Memory::data_mut}): reads and writes go
     * straight to the memory, little-endian as WebAssembly sees it. Valid until the memory grows
     * ({@link #grow} or {@code memory.grow} replaces the array, and writes to the old one are
     * lost), so fetch it again after anything that may run WebAssembly code. For I/O into and out
     * of guest memory without a copy; the checked accessors below are simpler otherwise.
     */
    public byte[] data() {
        return vm.bytes;
    }

    /** The current type: current size as minimum, the declared maximum. */
    @Override
    public MemoryType type() {
        return new MemoryType(new Limits(pages(), declaredMax));
    }

    /**
     * Grows by {@code deltaPages} (an unsigned 32-bit count) and returns the old size in pages,
     * or -1 (without changing anything) if the memory cannot grow that much: past its maximum,
     * its store's {@linkplain Store#setAllocationLimit allocation limit} or what the heap can hold.
     */
    public int grow(int deltaPages) {
        int old = pages();
        long delta = Integer.toUnsignedLong(deltaPages);
        long target = old + delta;
        long max = declaredMax >= 0 ? Math.min(declaredMax, MAX_PAGES) : MAX_PAGES;
        if (target > max) return -1;
        if (delta == 0) return old;
        Store store = owner.store();
        long more = delta * MemoryType.PAGE_SIZE;
        if (store != null && !store.reserve(more)) return -1;
        byte[] grown;
        try {
            grown = new byte[(int) target * MemoryType.PAGE_SIZE];
        } catch (OutOfMemoryError e) {
            if (store != null) store.release(more);
            return -1;
        }
        byte[] bytes = vm.bytes;
        System.arraycopy(bytes, 0, grown, 0, bytes.length);
        vm.bytes = grown;
        return old;
    }

    /** Reads {@code length} bytes at {@code address}. Throws the memory trap when out of bounds. */
    public byte[] read(int address, int length) {
        checkRange(address, length);
        byte[] out = new byte[length];
        System.arraycopy(vm.bytes, address, out, 0, length);
        return out;
    }

    /** Writes {@code data} at {@code address}. Throws the memory trap when out of bounds. */
    public void write(int address, byte[] data) {
        java.util.Objects.requireNonNull(data, "data");
        checkRange(address, data.length);
        System.arraycopy(data, 0, vm.bytes, address, data.length);
    }

    /** Reads a UTF-8 string of {@code length} bytes at {@code address}. */
    public String readString(int address, int length) {
        checkRange(address, length);
        return new String(vm.bytes, address, length, StandardCharsets.UTF_8);
    }

    /** The byte at {@code address}. Throws the memory trap when out of bounds. */
    public byte readByte(int address) {
        checkRange(address, 1);
        return vm.bytes[address];
    }

    /** Writes the byte at {@code address}. Throws the memory trap when out of bounds. */
    public void writeByte(int address, byte value) {
        checkRange(address, 1);
        vm.bytes[address] = value;
    }

    /** The little-endian {@code int} at {@code address}. Throws the memory trap when out of bounds. */
    public int readInt(int address) {
        checkRange(address, 4);
        return MemoryAccess.i32Load(address, vm.bytes, 0);
    }

    /** Writes a little-endian {@code int} at {@code address}. Throws the memory trap when out of bounds. */
    public void writeInt(int address, int value) {
        checkRange(address, 4);
        MemoryAccess.i32Store(address, value, vm.bytes, 0);
    }

    /** The little-endian {@code long} at {@code address}. Throws the memory trap when out of bounds. */
    public long readLong(int address) {
        checkRange(address, 8);
        return MemoryAccess.i64Load(address, vm.bytes, 0);
    }

    /** Writes a little-endian {@code long} at {@code address}. Throws the memory trap when out of bounds. */
    public void writeLong(int address, long value) {
        checkRange(address, 8);
        MemoryAccess.i64Store(address, value, vm.bytes, 0);
    }

    private void checkRange(int address, int length) {
        if (address < 0 || length < 0 || (long) address + length > vm.bytes.length) {
            throw new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        }
    }
}
