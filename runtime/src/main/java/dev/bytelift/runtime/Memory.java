package dev.bytelift.runtime;

import java.nio.charset.StandardCharsets;
import dev.bytelift.runtime.internal.MemoryAccess;
import dev.bytelift.runtime.internal.VMMemory;

/**
 * A linear memory: a whole number of 64 KiB pages in a {@code byte[]}, which may be longer than
 * the memory (room to grow into: {@link #grow} copies only when it needs a bigger array, and then
 * takes 1.5 times what it needs, so a memory grown a page at a time is copied a logarithmic number
 * of times, not at every grow). A JVM array holds at most
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
    private final ValType addressType;
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
        if (Long.compareUnsigned(min, MAX_PAGES) > 0) {
            // a JVM array's limit: docs/memory.md tells the way to larger memories
            throw new WasmException("memory of " + Long.toUnsignedString(min)
                    + " pages exceeds the maximum of " + MAX_PAGES + " pages (2 GiB - 64 KiB, one JVM array) that Bytelift can allocate");
        }
        this.declaredMax = type.limits().max();
        this.addressType = type.addressType();
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
        return vm.size >>> 16;
    }

    /** The current size in bytes. */
    public int byteSize() {
        return vm.size;
    }

    /**
     * The current contents, not a copy (Wasmtime's {@code Memory::data_mut}): reads and writes go
     * straight to the memory, little-endian as WebAssembly sees it. The memory is the first
     * {@link #byteSize()} bytes: the array may be longer (room to grow into), and the bytes past
     * the size must not be written (they become the zeroed pages of a later grow). Valid until the
     * memory grows ({@link #grow} or {@code memory.grow} may replace the array, and writes to the
     * old one are then lost), so fetch it again after anything that may run WebAssembly code. For
     * I/O into and out of guest memory without a copy; the checked accessors below are simpler
     * otherwise.
     */
    public byte[] data() {
        return vm.bytes;
    }

    /** The current type: current size as minimum, the declared maximum. */
    @Override
    public MemoryType type() {
        return new MemoryType(new Limits(pages(), declaredMax), addressType);
    }

    /**
     * Grows by {@code deltaPages} (an unsigned 32-bit count) and returns the old size in pages,
     * or -1 (without changing anything) if the memory cannot grow that much: past its maximum,
     * its store's {@linkplain Store#setAllocationLimit allocation limit} or what the heap can hold
     * (past the latter two it traps instead when the store says so: {@link Store#setTrapOnGrowFailure}).
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
        if (store != null && !store.reserve(more)) return store.growRefused("a memory", more);
        int size = (int) target * MemoryType.PAGE_SIZE;
        if (size > vm.bytes.length) {
            byte[] grown = allocate(target, max);
            if (grown == null) {
                if (store == null) return -1;
                store.release(more);
                return store.growRefused("a memory", more);
            }
            System.arraycopy(vm.bytes, 0, grown, 0, vm.size);
            vm.bytes = grown;
        }
        // within capacity the new pages are already zero: nothing writes past the size. The size
        // (volatile) goes last: whoever reads it and then the array finds one at least this long
        vm.size = size;
        return old;
    }

    /**
     * A new array for at least {@code pages}: 1.5 times the current capacity if that is more
     * (at most {@code maxPages}), else 1.125 times if the heap cannot hold that (near the heap's
     * limit the old array and a 1.5x one may not both fit), else exactly {@code pages};
     * {@code null} if the heap cannot hold that either.
     */
    private byte[] allocate(long pages, long maxPages) {
        long capacity = vm.bytes.length >>> 16;
        for (long roomy : new long[] {capacity + (capacity >> 1), capacity + (capacity >> 3)}) {
            roomy = Math.min(roomy, maxPages);
            if (roomy <= pages) break;
            try {
                return new byte[(int) roomy * MemoryType.PAGE_SIZE];
            } catch (OutOfMemoryError e) {
                // a smaller one may still fit
            }
        }
        try {
            return new byte[(int) pages * MemoryType.PAGE_SIZE];
        } catch (OutOfMemoryError e) {
            return null;
        }
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
        int size = vm.size; // before the array (VMMemory#size)
        return MemoryAccess.i32Load(address, vm.bytes, size, 0);
    }

    /** Writes a little-endian {@code int} at {@code address}. Throws the memory trap when out of bounds. */
    public void writeInt(int address, int value) {
        checkRange(address, 4);
        int size = vm.size; // before the array (VMMemory#size)
        MemoryAccess.i32Store(address, value, vm.bytes, size, 0);
    }

    /** The little-endian {@code long} at {@code address}. Throws the memory trap when out of bounds. */
    public long readLong(int address) {
        checkRange(address, 8);
        int size = vm.size; // before the array (VMMemory#size)
        return MemoryAccess.i64Load(address, vm.bytes, size, 0);
    }

    /** Writes a little-endian {@code long} at {@code address}. Throws the memory trap when out of bounds. */
    public void writeLong(int address, long value) {
        checkRange(address, 8);
        int size = vm.size; // before the array (VMMemory#size)
        MemoryAccess.i64Store(address, value, vm.bytes, size, 0);
    }

    /** Reads {@code length} bytes at {@code address} into {@code dst} at {@code offset}. */
    public void read(int address, byte[] dst, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        checkRange(address, length);
        System.arraycopy(vm.bytes, address, dst, offset, length);
    }

    /** Writes {@code length} bytes of {@code src} from {@code offset} at {@code address}. */
    public void write(int address, byte[] src, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        checkRange(address, length);
        System.arraycopy(src, offset, vm.bytes, address, length);
    }

    /**
     * Writes {@code s} as UTF-8 at {@code address} (no terminator) and returns how many bytes
     * that took. Throws the memory trap, writing nothing, when they do not fit.
     */
    public int writeString(int address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        write(address, b);
        return b.length;
    }

    /**
     * Reads the NUL-terminated UTF-8 string at {@code address} (without the NUL). Throws the memory
     * trap if the memory ends before a NUL.
     */
    public String readCString(int address) {
        checkRange(address, 0);
        byte[] bytes = vm.bytes;
        int size = vm.size;
        int end = address;
        while (end < size && bytes[end] != 0) end++;
        if (end == size) throw new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        return new String(bytes, address, end - address, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code s} as UTF-8 followed by a NUL at {@code address} and returns how many bytes that
     * took, the NUL included.
     */
    public int writeCString(int address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        checkRange(address, b.length + 1);
        System.arraycopy(b, 0, vm.bytes, address, b.length);
        vm.bytes[address + b.length] = 0;
        return b.length + 1;
    }

    /** The byte at {@code address}, zero-extended (WebAssembly's {@code i32.load8_u}). */
    public int readUnsignedByte(int address) {
        return readByte(address) & 0xFF;
    }

    /** The little-endian {@code short} at {@code address}. */
    public short readShort(int address) {
        checkRange(address, 2);
        int size = vm.size; // before the array (VMMemory#size)
        return (short) MemoryAccess.i32Load16S(address, vm.bytes, size, 0);
    }

    /** The little-endian 16-bit value at {@code address}, zero-extended. */
    public int readUnsignedShort(int address) {
        return readShort(address) & 0xFFFF;
    }

    /** Writes a little-endian {@code short} at {@code address}. */
    public void writeShort(int address, short value) {
        checkRange(address, 2);
        int size = vm.size; // before the array (VMMemory#size)
        MemoryAccess.i32Store16(address, value, vm.bytes, size, 0);
    }

    /** The little-endian 32-bit value at {@code address}, zero-extended (an unsigned {@code i32}). */
    public long readUnsignedInt(int address) {
        return readInt(address) & 0xFFFFFFFFL;
    }

    /** The little-endian {@code float} at {@code address} (its bits as stored, NaN payloads kept). */
    public float readFloat(int address) {
        return Float.intBitsToFloat(readInt(address));
    }

    /** Writes a little-endian {@code float} at {@code address} (its raw bits). */
    public void writeFloat(int address, float value) {
        writeInt(address, Float.floatToRawIntBits(value));
    }

    /** The little-endian {@code double} at {@code address} (its bits as stored, NaN payloads kept). */
    public double readDouble(int address) {
        return Double.longBitsToDouble(readLong(address));
    }

    /** Writes a little-endian {@code double} at {@code address} (its raw bits). */
    public void writeDouble(int address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    /** Sets {@code length} bytes at {@code address} to {@code value} (WebAssembly's {@code memory.fill}). */
    public void fill(int address, int length, byte value) {
        checkRange(address, length);
        java.util.Arrays.fill(vm.bytes, address, address + length, value);
    }

    /**
     * Copies {@code length} bytes from {@code source} to {@code destination}, which may overlap
     * (WebAssembly's {@code memory.copy}).
     */
    public void copy(int destination, int source, int length) {
        checkRange(source, length);
        checkRange(destination, length);
        System.arraycopy(vm.bytes, source, vm.bytes, destination, length);
    }

    /**
     * A little-endian {@link java.nio.ByteBuffer} over the memory's current contents, without a
     * copy: reads and writes through it are the memory's, and its capacity is the memory's size.
     * Like {@link #data()}, it stays valid until the memory grows (then it still shows the old
     * size, and after a grow that replaced the array, the old contents, writes to it being lost).
     */
    public java.nio.ByteBuffer asByteBuffer() {
        return java.nio.ByteBuffer.wrap(vm.bytes, 0, vm.size).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private void checkRange(int address, int length) {
        if (address < 0 || length < 0 || (long) address + length > vm.size) {
            throw new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        }
    }
}
