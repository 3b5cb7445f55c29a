package dev.bytelift.bench.sightglass;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.bytelift.chicory.ByteliftChicory;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs Sightglass benchmark programs through Chicory's API and Chicory's WASI ({@link WasiPreview1})
 * on one machine: {@code bytelift} (Bytelift's, {@code bytelift-chicory}) or {@code chicory-compiler}
 * (Chicory's own compiler). For each program prints
 *
 * <pre>sightglass-chicory machine=M bench=DIR/NAME compile_s=.. measured_s=.. exit=N stdout=ok|ok-numbers|mismatch|unchecked stderr=..</pre>
 *
 * where compile_s is parse + compile + instantiate and measured_s Sightglass's measured part.
 * Exit status 1 if any program failed or printed other than expected.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.bytelift.bench.sightglass.ChicorySightglassMain bytelift a.wasm b.wasm ...</pre>
 */
public final class ChicorySightglassMain {
    private ChicorySightglassMain() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length < 2 || !(argv[0].equals("bytelift") || argv[0].equals("chicory-compiler"))) {
            System.err.println("usage: ChicorySightglassMain bytelift|chicory-compiler path/to/benchmark.wasm...");
            System.exit(2);
        }
        boolean failed = false;
        for (int i = 1; i < argv.length; i++) {
            Path wasm = Path.of(argv[i]).toAbsolutePath();
            String bench = wasm.getParent().getFileName() + "/" + wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
            String line;
            try {
                line = run(argv[0], wasm, bench);
                failed |= line.contains("mismatch") || !line.contains(" exit=0 ");
            } catch (Throwable t) {
                line = "sightglass-chicory machine=" + argv[0] + " bench=" + bench + " error=" + t.toString().replace('\n', ' ');
                failed = true;
            }
            System.out.println(line);
        }
        System.exit(failed ? 1 : 0);
    }

    private static String run(String machine, Path wasm, String bench) throws Exception {
        byte[] bytes = Files.readAllBytes(wasm);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long[] marks = {-1, -1};
        FunctionType unit = FunctionType.of(List.of(), List.of());
        WasiOptions options = WasiOptions.builder().withStdout(out).withStderr(err)
                .withArguments(List.of(wasm.getFileName().toString())).withDirectory(".", wasm.getParent()).build();
        int exit = 0;
        long t0 = System.nanoTime();
        long t1;
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions())
                    .addFunction(new HostFunction("bench", "start", unit, (inst, args) -> {
                        marks[0] = System.nanoTime();
                        return null;
                    }))
                    .addFunction(new HostFunction("bench", "end", unit, (inst, args) -> {
                        marks[1] = System.nanoTime();
                        return null;
                    }))
                    .build();
            Instance.Builder b;
            if (machine.equals("bytelift")) {
                b = ByteliftChicory.configure(Instance.builder(ByteliftChicory.parse(bytes)));
            } else {
                WasmModule module = Parser.parse(bytes);
                b = Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module));
            }
            Instance instance = b.withImportValues(imports).withStart(false).build();
            t1 = System.nanoTime();
            try {
                instance.export("_start").apply();
            } catch (WasiExitException e) {
                exit = e.exitCode();
            }
        }
        double measured = marks[0] >= 0 && marks[1] >= marks[0] ? (marks[1] - marks[0]) / 1e9 : Double.NaN;
        return String.format(Locale.ROOT, "sightglass-chicory machine=%s bench=%s compile_s=%.3f measured_s=%.3f exit=%d stdout=%s stderr=%s",
                machine, bench, (t1 - t0) / 1e9, measured, exit,
                ExpectedOutput.verdict(wasm, "stdout", out.toByteArray()), ExpectedOutput.verdict(wasm, "stderr", err.toByteArray()));
    }

}
