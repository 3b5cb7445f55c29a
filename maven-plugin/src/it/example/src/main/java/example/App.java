package example;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.wasi.Wasi;

/** Runs hello.wasm, which bytelift-maven-plugin compiled into this application's classes. */
public final class App {
    public static void main(String[] args) throws Exception {
        Engine engine = new Engine();
        // the classes and metadata of module "hello" are on the class path, next to this class
        Module hello = engine.loadModule(App.class.getClassLoader(), "hello");
        Store store = new Store(engine);
        Linker linker = new Linker();
        try (Wasi wasi = Wasi.builder().args("hello", "from", "maven").inheritStdio().build()) {
            wasi.addToLinker(linker, store);
            System.exit(wasi.start(linker.instantiate(store, hello)));
        }
    }
}
