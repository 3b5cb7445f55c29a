package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bytelift run} with exception handling: a WASI program (hand-written WAT; no C++ toolchain
 * with exceptions here) throws through several frames and a WASI call and catches in its
 * {@code _start}, with {@code try_table} and with the legacy {@code try} Emscripten emits; an
 * exception no handler catches is a clear error and exit status 1. (A host function calling back
 * into the guest between the thrower and the catcher is ExceptionsApiTest's: the CLI's only host
 * functions are WASI's.)
 */
class RunExceptionsTest extends CliRun {
    @TempDir
    Path dir;

    private static final String PROGRAM = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "caught 0\\n")
              (tag $err (param i32))
              (func $print (param $digit i32)
                (i32.store8 (i32.const 23) (i32.add (i32.const 48) (local.get $digit)))
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 9))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
              (func $deep (param i32)
                (if (i32.eqz (local.get 0)) (then (call $print (i32.const 0)) (throw $err (i32.const 7))))
                (call $deep (i32.sub (local.get 0) (i32.const 1))))
              (func $legacy (result i32)
                (try (result i32)
                  (do (call $deep (i32.const 3)) (i32.const 0))
                  (catch $err (i32.const 1) (i32.add))))
              ;; exits with 10 * 7 (caught by try_table) + 8 (by the legacy catch)
              (func (export "_start")
                (block $h (result i32)
                  (try_table (catch $err $h) (call $deep (i32.const 5)))
                  (return))
                (i32.const 10) (i32.mul)
                (call $legacy) (i32.add)
                (call $exit))
            )""";

    @Test
    void aProgramCatchesItsOwnExceptionsThroughSeveralFrames() throws Exception {
        Path wat = dir.resolve("exn.wat");
        Files.writeString(wat, PROGRAM);
        // the throws print "caught 0" on the process's stdout (WASI writes there, not to this test's writer)
        assertEquals(78, run("run", wat.toString()), err);
        assertEquals("", err);
    }

    @Test
    void anUncaughtExceptionIsAnErrorWithStatus1() throws Exception {
        Path wat = dir.resolve("uncaught.wat");
        Files.writeString(wat, """
                (module
                  (tag $oops (param i32 i64))
                  (func (export "_start") (throw $oops (i32.const 7) (i64.const -1))))
                """);
        assertEquals(1, run("run", wat.toString()));
        assertEquals("error: uncaught WebAssembly exception of tag (param i32 i64) carrying [7, -1]\n", err);
    }
}
