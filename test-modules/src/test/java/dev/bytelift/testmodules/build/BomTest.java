package dev.bytelift.testmodules.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bom/pom.xml (bytelift-bom) manages every published artifact of the build at the project's
 * version, and carries what Maven Central asks of a POM; the modules that are not published say
 * so.
 */
class BomTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent(); // tests run in test-modules/
    private static final List<String> UNPUBLISHED = List.of("test-modules", "bench");

    @Test
    void theBomManagesEveryPublishedModuleAtTheProjectVersion() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        assertEquals(first(parent, "<version>([^<]+)</version>"), first(bom, "<version>([^<]+)</version>"));
        List<String> managed = all(bom.substring(bom.indexOf("<dependencyManagement>")), "<artifactId>([^<]+)</artifactId>");
        List<String> published = new ArrayList<>();
        for (String module : all(parent, "<module>([^<]+)</module>")) {
            if (module.equals("bom")) continue;
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            String artifact = first(pom.substring(pom.indexOf("</parent>")), "<artifactId>([^<]+)</artifactId>");
            if (UNPUBLISHED.contains(module)) {
                assertTrue(pom.contains("<maven.deploy.skip>true</maven.deploy.skip>"), module + " is not published");
            } else {
                published.add(artifact);
            }
        }
        assertEquals(published.stream().sorted().toList(), managed.stream().sorted().toList());
        assertTrue(bom.contains("<version>${project.version}</version>"));
        assertEquals(managed.size(), bom.split("<version>\\$\\{project.version}</version>", -1).length - 1);
    }

    @Test
    void theBomAndTheParentCarryWhatCentralAsks() throws IOException {
        for (String pom : List.of("pom.xml", "bom/pom.xml")) {
            String text = Files.readString(ROOT.resolve(pom));
            for (String element : List.of("<name>", "<description>", "<url>", "<licenses>", "<developers>", "<scm>")) {
                assertTrue(text.contains(element), pom + " has " + element);
            }
        }
        assertTrue(Files.exists(ROOT.resolve("LICENSE")) && Files.exists(ROOT.resolve("NOTICE")));
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) found.add(m.group(1));
        return found;
    }
}
