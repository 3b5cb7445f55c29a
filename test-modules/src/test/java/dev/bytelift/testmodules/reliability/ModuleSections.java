package dev.bytelift.testmodules.reliability;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A module as its 8-byte header and a list of sections, which is the level most structure-aware
 * mutations work at: edit one section's content, then encode the module again with that section's
 * size fixed up, or on purpose not.
 */
final class ModuleSections {
    static final int CUSTOM = 0, TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6,
            EXPORT = 7, START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12;

    /** One section; {@code sizeDelta} is added to the true size when encoding (0: a correct size). */
    record Section(int id, byte[] content, long sizeDelta) {
        Section(int id, byte[] content) {
            this(id, content, 0);
        }

        Section withContent(byte[] c) {
            return new Section(id, c, sizeDelta);
        }
    }

    final byte[] header;
    final List<Section> sections;

    ModuleSections(byte[] header, List<Section> sections) {
        this.header = header;
        this.sections = sections;
    }

    /** The sections of {@code wasm}, or {@code null} if its section structure does not parse. */
    static ModuleSections parse(byte[] wasm) {
        if (wasm.length < 8) return null;
        byte[] header = java.util.Arrays.copyOf(wasm, 8);
        List<Section> list = new ArrayList<>();
        int pos = 8;
        while (pos < wasm.length) {
            int id = wasm[pos++] & 0xFF;
            Leb.Field size = Leb.read(wasm, pos);
            if (size.length() == 0 || size.length() > 5) return null;
            pos += size.length();
            if (size.value() > wasm.length - pos) return null;
            int n = (int) size.value();
            list.add(new Section(id, java.util.Arrays.copyOfRange(wasm, pos, pos + n)));
            pos += n;
        }
        return new ModuleSections(header, list);
    }

    /** A copy whose section list can be edited independently (contents are shared, never edited in place). */
    ModuleSections copy() {
        return new ModuleSections(header, new ArrayList<>(sections));
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        for (Section s : sections) out.writeBytes(encodeSection(s));
        return out.toByteArray();
    }

    static byte[] encodeSection(Section s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(s.id());
        out.writeBytes(Leb.encode((s.content().length + s.sizeDelta()) & 0xFFFFFFFFL));
        out.writeBytes(s.content());
        return out.toByteArray();
    }

    /** Index of the first section with {@code id}, or -1. */
    int indexOf(int id) {
        for (int i = 0; i < sections.size(); i++) if (sections.get(i).id() == id) return i;
        return -1;
    }
}
