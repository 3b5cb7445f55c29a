import java.nio.file.Path;
import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.wasi.Wasi;

/**
 * bench/scripts/load-time-aot.py's runtime-only process: loads an ahead-of-time jar with the runtime
 * and WASI alone on the class path, links it as Sightglass does and instantiates it (ready for its
 * first call), then exits. Usage: java -cp runtime.jar:wasi.jar:DIR AotReady app.jar
 */
public final class AotReady {
    public static void main(String[] args) throws Exception {
        Engine engine = new Engine();
        Module module = engine.loadModule(Path.of(args[0]));
        Store store = new Store(engine);
        Linker linker = new Linker();
        FuncType unit = FuncType.of(List.of(), List.of());
        linker.defineFunction(store, "bench", "start", unit, (caller, a) -> null);
        linker.defineFunction(store, "bench", "end", unit, (caller, a) -> null);
        try (Wasi wasi = Wasi.builder().build()) {
            wasi.addToLinker(linker, store);
            linker.instantiate(store, module);
        }
        System.out.println("ready");
    }
}
