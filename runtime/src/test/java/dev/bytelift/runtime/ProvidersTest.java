package dev.bytelift.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link Providers} names the implementations the service files declare (a rename must change
 * both), and falls back to the service loader when the name does not give one.
 */
class ProvidersTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> declared(String module, String service) throws Exception {
        return Files.readAllLines(ROOT.resolve(module + "/src/main/resources/META-INF/services/" + service)).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
    }

    @Test
    void theUsualProvidersAreTheDeclaredOnes() throws Exception {
        assertEquals(List.of(Providers.COMPILER), declared("compiler", "dev.bytelift.runtime.spi.ModuleCompiler"));
        assertEquals(List.of(Providers.TRAMPOLINES), declared("trampolines", "dev.bytelift.runtime.spi.Trampolines"));
    }

    /** A service with a provider file in this module's test resources. */
    public interface Greeter {
        String greet();
    }

    /** Its declared provider. */
    public static final class DeclaredGreeter implements Greeter {
        @Override
        public String greet() {
            return "declared";
        }
    }

    /** Not a Greeter. */
    public static final class NotAGreeter {}

    @Test
    void aMissingOrWrongUsualProviderLeavesItToTheServiceLoader() {
        assertEquals("declared", Providers.find(Greeter.class, "no.such.Greeter").orElseThrow().greet());
        assertEquals("declared", Providers.find(Greeter.class, NotAGreeter.class.getName()).orElseThrow().greet());
        assertTrue(Providers.find(Greeter.class, DeclaredGreeter.class.getName()).isPresent());
        assertFalse(Providers.find(Runnable.class, "no.such.Runnable").isPresent());
    }
}
