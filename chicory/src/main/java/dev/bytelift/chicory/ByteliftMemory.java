package dev.bytelift.chicory;

import static com.dylibso.chicory.runtime.ConstantEvaluators.computeConstantValue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.ValType;

/**
 * A Chicory {@link com.dylibso.chicory.runtime.Memory} over a Bytelift {@link Memory}: the same
 * {@code byte[]} that Bytelift's generated code reads and writes, looked up on every access, so
 * that growth by either side shows on both. Made by the memory factory that
 * {@link ByteliftChicory#configure} installs; a host that gives a module a memory to import makes
 * one with {@link #ByteliftMemory(MemoryLimits)}. Not shared (the threads proposal is not supported).
 */
public final class ByteliftMemory implements com.dylibso.chicory.runtime.Memory {
    private final Memory memory;
    private final int initialPages;
    private final int maximumPages;
    /** The data segments of the last {@link #initialize}, for Chicory's own machines' {@code memory.init}. */
    private DataSegment[] dataSegments;

    /**
     * A new memory of {@code limits.initialPages()} pages that grows up to
     * {@code limits.maximumPages()}.
     *
     * @throws ChicoryException if the limits ask for a shared memory, or more than Bytelift can allocate
     */
    public ByteliftMemory(MemoryLimits limits) {
        if (limits.shared()) throw new ChicoryException("Bytelift's Chicory machine does not support shared memories");
        this.initialPages = limits.initialPages();
        // as Chicory's memories: at most what one array holds (the import check compares this)
        this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        try {
            // the declared maximum as it is (65536 where none was declared: Chicory's limits say so)
            this.memory = new Memory(new MemoryType(new Limits(initialPages, limits.maximumPages()), ValType.I32));
        } catch (dev.bytelift.runtime.WasmException e) {
            throw new ChicoryException(e.getMessage(), e);
        }
    }

    /** The Bytelift memory this is a view of. */
    public Memory memory() {
        return memory;
    }

    @Override public int pages() { return memory.pages(); }
    @Override public int grow(int size) { return memory.grow(size); }
    @Override public int initialPages() { return initialPages; }
    @Override public int maximumPages() { return maximumPages; }
    @Override public boolean shared() { return false; }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public Object lock(int address) {
        return new Object(); // not shared: nothing to lock
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int notify(int address, int maxThreads) {
        return 0; // nobody waits on a memory that is not shared
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        this.dataSegments = dataSegments;
        if (dataSegments == null) return;
        for (DataSegment s : dataSegments) {
            if (!(s instanceof ActiveDataSegment seg) || seg.index() != memoryIndex) continue;
            byte[] data = seg.data();
            int offset = (int) computeConstantValue(instance, seg.offsetInstructions())[0];
            long end = Integer.toUnsignedLong(offset) + data.length;
            if (end > (long) memory.pages() * PAGE_SIZE) {
                throw new UninstantiableException("out of bounds memory access: data segment at " + Integer.toUnsignedString(offset)
                        + " of " + data.length + " bytes, memory of " + memory.pages() + " pages");
            }
            memory.write(offset, data, 0, data.length);
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        DataSegment s = dataSegments == null ? null : dataSegments[segmentId];
        byte[] data = s == null ? new byte[0] : s.data();
        if (offset < 0 || size < 0 || (long) offset + size > data.length) {
            throw new WasmRuntimeException("out of bounds memory access");
        }
        write(dest, data, offset, size);
    }

    @Override
    public void drop(int segment) {
        if (dataSegments != null) dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        try {
            memory.write(addr, data, offset, size);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public byte read(int addr) {
        try {
            return memory.readByte(addr);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        try {
            return memory.read(addr, len);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public void writeI32(int addr, int data) {
        try {
            memory.writeInt(addr, data);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public int readInt(int addr) {
        try {
            return memory.readInt(addr);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public void writeLong(int addr, long data) {
        try {
            memory.writeLong(addr, data);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public long readLong(int addr) {
        try {
            return memory.readLong(addr);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public void writeShort(int addr, short data) {
        try {
            memory.writeShort(addr, data);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public short readShort(int addr) {
        try {
            return memory.readShort(addr);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            memory.writeByte(addr, data);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public void writeF32(int addr, float data) {
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public float readFloat(int addr) {
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public void writeF64(int addr, double data) {
        writeLong(addr, Double.doubleToRawLongBits(data));
    }

    @Override
    public double readDouble(int addr) {
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void zero() {
        memory.fill(0, memory.byteSize(), (byte) 0);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        try {
            memory.fill(fromIndex, toIndex - fromIndex, value);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    @Override
    public void copy(int dest, int src, int size) {
        try {
            memory.copy(dest, src, size);
        } catch (Trap t) {
            throw outOfBounds(t);
        }
    }

    private static WasmRuntimeException outOfBounds(Trap t) {
        return new WasmRuntimeException("out of bounds memory access", t);
    }

    @Override
    public String toString() {
        return "ByteliftMemory of " + memory.pages() + " pages";
    }
}
