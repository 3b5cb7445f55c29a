package dev.bytelift.runtime;

/**
 * An exception tag (exception handling, WebAssembly 3.0): what a WebAssembly {@code catch}
 * matches an exception by. Tags compare by identity: each instantiation of a module creates its
 * own tags (two instances of one module have distinct tags), and an imported tag is the
 * exporter's. A host makes one with {@link #Tag(TagType)} to import it into modules, and throws
 * exceptions of it (or of a tag an instance exports) with {@link ThrownException}.
 *
 * <p>A tag belongs to one {@link Store} (see {@link #store()}).
 */
public final class Tag implements Extern {
    private final TagType type;
    private final StoreOwned owner;

    /**
     * A tag of no store yet: it belongs to the first store it is imported into.
     *
     * @param type the types of the values its exceptions carry
     */
    public Tag(TagType type) {
        this(null, type);
    }

    /** A tag of {@code store} (the runtime creates an instance's tags this way). */
    public Tag(Store store, TagType type) {
        this.type = java.util.Objects.requireNonNull(type, "type");
        this.owner = new StoreOwned(store);
    }

    /** The tag's type. */
    @Override
    public TagType type() {
        return type;
    }

    /** The store this tag belongs to, or {@code null} if it has not been used with one yet. */
    public Store store() {
        return owner.store();
    }

    /** Internal: binds this tag to {@code store}; throws if it belongs to another. */
    void bindTo(Store store) {
        owner.bind(store, this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tag (param");
        for (ValType t : type.type().params()) sb.append(' ').append(t);
        return sb.append(')').toString();
    }
}
