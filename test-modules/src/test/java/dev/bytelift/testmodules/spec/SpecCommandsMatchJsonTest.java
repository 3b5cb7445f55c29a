package dev.bytelift.testmodules.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.wast.Command;
import dev.bytelift.wast.ModuleSource;
import dev.bytelift.wast.Script;
import dev.bytelift.wast.ScriptParser;

/**
 * Our script parser finds the commands wabt's {@code wast2json} found: per script the same
 * commands, of the same kinds, at the same lines, with the same module names, and the same bytes
 * for every {@code (module binary ...)}. The suite's JSON no longer runs; this keeps its command
 * list as a check that no command of the {@code .wast} files is lost or misread.
 */
class SpecCommandsMatchJsonTest {
    @TestFactory
    Stream<DynamicTest> sameCommandsAsWast2json() throws IOException {
        Path json = SpecSuiteTest.suiteDir();
        Path wast = SpecSuiteTest.wastDir();
        Assumptions.assumeTrue(Files.isDirectory(json) && Files.isDirectory(wast), "spec test suite not found");
        List<Path> scripts;
        try (Stream<Path> s = Files.list(wast)) {
            scripts = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        return scripts.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString().replace(".wast", "");
            Script script = ScriptParser.parse(Files.readAllBytes(file), file.getFileName().toString());
            JsonObject j = JsonParser.parseString(Files.readString(json.resolve(name + ".json"))).getAsJsonObject();
            List<JsonObject> expected = new ArrayList<>();
            for (JsonElement e : j.getAsJsonArray("commands")) expected.add(e.getAsJsonObject());
            List<String> theirs = describe(expected);
            List<String> ours = describeOurs(script.commands());
            for (int i = 0; i < Math.min(theirs.size(), ours.size()); i++) {
                assertEquals(theirs.get(i), ours.get(i), name + ": command " + i);
            }
            assertEquals(theirs.size(), ours.size(), name + ": commands");
            for (int i = 0; i < expected.size(); i++) {
                ModuleSource m = module(script.commands().get(i));
                if (m instanceof ModuleSource.Binary b) {
                    byte[] wasm = Files.readAllBytes(json.resolve(expected.get(i).get("filename").getAsString()));
                    assertArrayEquals(wasm, b.bytes(), name + ":" + expected.get(i).get("line"));
                }
            }
        }));
    }

    private static List<String> describe(List<JsonObject> commands) {
        List<String> out = new ArrayList<>();
        for (JsonObject c : commands) {
            out.add(c.get("line").getAsInt() + " " + c.get("type").getAsString() + (c.has("name") ? " " + c.get("name").getAsString() : ""));
        }
        return out;
    }

    private static List<String> describeOurs(List<Command> commands) {
        List<String> out = new ArrayList<>();
        for (Command c : commands) {
            String kind = c instanceof Command.AssertModule a && a.assertion() == Command.ModuleAssertion.TRAP
                    ? "assert_uninstantiable" : c.kind(); // wast2json's name for (assert_trap (module ...))
            String name = c instanceof Command.ModuleCommand m && m.name() != null ? " " + m.name()
                    : c instanceof Command.Register r && r.name() != null ? " " + r.name() : "";
            out.add(c.line() + " " + kind + name);
        }
        return out;
    }

    private static ModuleSource module(Command c) {
        if (c instanceof Command.ModuleCommand m) return m.module();
        if (c instanceof Command.AssertModule a) return a.module();
        return null;
    }
}
