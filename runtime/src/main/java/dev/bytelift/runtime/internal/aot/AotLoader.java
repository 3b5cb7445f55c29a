package dev.bytelift.runtime.internal.aot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.Engine;

/** Finds an ahead-of-time module's metadata and classes: in a jar, or on a class loader. */
public final class AotLoader {
    private AotLoader() {}

    /** The resource of module {@code name}'s metadata. */
    public static String resource(String name) {
        return AotFormat.RESOURCE_PREFIX + name + AotFormat.RESOURCE_SUFFIX;
    }

    /**
     * The module of jar {@code jar}, which must hold exactly one (or the one called {@code name}
     * if not null), its classes loaded by a new class loader over the jar.
     */
    public static AotModule load(Engine engine, Path jar, String name) throws IOException {
        String entry;
        byte[] metadata;
        try (JarFile file = new JarFile(jar.toFile())) {
            if (name != null) {
                entry = resource(name);
            } else {
                List<String> found = new ArrayList<>();
                file.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(AotFormat.RESOURCE_PREFIX) && n.endsWith(AotFormat.RESOURCE_SUFFIX)).forEach(found::add);
                if (found.size() != 1) {
                    throw new DeserializeException(Reason.NOT_SERIALIZED, found.isEmpty()
                            ? jar + " holds no ahead-of-time Bytelift module (no " + AotFormat.RESOURCE_PREFIX + "*" + AotFormat.RESOURCE_SUFFIX + ")"
                            : jar + " holds " + found.size() + " ahead-of-time modules: name one (" + String.join(", ", found) + ")");
                }
                entry = found.get(0);
            }
            var e = file.getJarEntry(entry);
            if (e == null) throw new DeserializeException(Reason.NOT_SERIALIZED, jar + " holds no ahead-of-time module " + entry);
            try (InputStream in = file.getInputStream(e)) {
                metadata = in.readAllBytes();
            } catch (java.util.zip.ZipException z) {
                throw new DeserializeException(Reason.CORRUPTED, "corrupted ahead-of-time jar " + jar + ": " + z.getMessage(), z);
            }
        } catch (java.util.zip.ZipException z) {
            throw new DeserializeException(Reason.NOT_SERIALIZED, jar + " is not a jar (" + z.getMessage() + ")", z);
        }
        AotImage image = AotFormat.read(metadata, engine.config());
        URLClassLoader loader = new URLClassLoader("bytelift-aot:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                Engine.class.getClassLoader());
        return new AotModule(engine, image, loader);
    }

    /** Module {@code name} of {@code loader}: its metadata a resource, its classes the loader's. */
    public static AotModule load(Engine engine, ClassLoader loader, String name) {
        byte[] metadata;
        InputStream in = loader.getResourceAsStream(resource(name));
        if (in == null) {
            throw new DeserializeException(Reason.NOT_SERIALIZED, "no ahead-of-time Bytelift module " + name + " on the class path (no resource "
                    + resource(name) + ")");
        }
        try {
            metadata = AotKey.readAll(in);
        } catch (IOException e) {
            throw new DeserializeException(Reason.CORRUPTED, "cannot read " + resource(name) + ": " + e, e);
        }
        return new AotModule(engine, AotFormat.read(metadata, engine.config()), loader);
    }
}
