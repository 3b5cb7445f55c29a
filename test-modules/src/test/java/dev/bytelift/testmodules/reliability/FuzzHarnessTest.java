package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.reliability.SeedCorpus.Seed;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzzer's own parts: what they promise, so that a campaign's silence means something. */
class FuzzHarnessTest {
    private static final List<Seed> SEEDS = SeedCorpus.projectModules();

    @Test
    void theProjectsModulesAreSeeds() {
        assertTrue(SEEDS.size() > 150, "seeds: " + SEEDS.size());
        assertTrue(SEEDS.stream().noneMatch(s -> s.name().startsWith("reliability/")), "reproducers are not seeds");
    }

    @Test
    void sectionsEncodeBackToTheSameBytes() {
        for (Seed s : SEEDS) {
            ModuleSections m = ModuleSections.parse(s.bytes());
            assertNotNull(m, s.name());
            assertArrayEquals(s.bytes(), m.encode(), s.name());
        }
    }

    @Test
    void fieldsAreFoundInEverySectionKind() {
        for (Seed s : SEEDS) {
            for (ModuleSections.Section sec : ModuleSections.parse(s.bytes()).sections) {
                SectionFields f = SectionFields.of(sec);
                assertFalse(f.fields.isEmpty(), s.name() + " section " + sec.id());
                for (SectionFields.Field x : f.fields) {
                    assertEquals(x.value(), Leb.read(sec.content(), x.pos()).value(), s.name() + " section " + sec.id());
                }
            }
        }
    }

    @Test
    void lebKeepsAWidthWhenAsked() {
        assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0}, Leb.encode(1, 5));
        assertEquals(new Leb.Field(1, 5), Leb.read(Leb.encode(1, 5), 0));
        assertEquals(new Leb.Field(0xFFFF_FFFFL, 5), Leb.read(Leb.encode(0xFFFF_FFFFL), 0));
    }

    @Test
    void anInputDependsOnlyOnTheSeedAndItsIteration() {
        Mutator m = new Mutator(SEEDS.stream().map(Seed::bytes).toList(), true);
        for (int i = 0; i < 200; i++) {
            byte[] seed = SEEDS.get(i % SEEDS.size()).bytes();
            Mutator.Mutation a = m.mutate(seed, new Random(i)), b = m.mutate(seed, new Random(i));
            assertEquals(a.name(), b.name());
            assertArrayEquals(a.bytes(), b.bytes(), a.name());
        }
    }

    @Test
    void theMinimiserKeepsOnlyWhatReproduces() {
        byte[] needle = "needle".getBytes(StandardCharsets.UTF_8);
        ModuleSections m = ModuleSections.parse(SEEDS.get(0).bytes()).copy();
        m.sections.add(1, new ModuleSections.Section(0, new Bytes().name("x").bytes(needle).toArray()));
        byte[] big = m.encode();
        byte[] small = new Minimizer(b -> indexOf(b, needle) >= 0, 10_000, 60_000).minimize(big);
        assertTrue(indexOf(small, needle) >= 0);
        assertEquals(needle.length, small.length, "left: " + Arrays.toString(small));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
