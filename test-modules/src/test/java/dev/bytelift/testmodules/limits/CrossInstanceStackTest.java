package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.EngineConfig;

/**
 * Recursion between two instances (through an import and another instance's function in a table,
 * through two call_indirects, through a host function calling the other instance back) is stopped
 * by the stack limit, with the stack trap and its backtrace, never by the JVM's stack: on a thread
 * of the JVM's default size with the default limit, on a 256 KiB thread with a limit that fits it,
 * and interpreted only (the largest frames).
 */
class CrossInstanceStackTest {
    private static final List<String> LIMIT = Collections.nCopies(CrossInstanceFrames.SHAPES.size(), "limit");
    private static final EngineConfig SPLIT = EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).build();

    @Test
    void theDefaultLimitTrapsFirstOnAThreadOfTheJvmsDefaultSize() throws InterruptedException {
        assertEquals(LIMIT, CrossInstanceFrames.runOnThread(EngineConfig.defaults(), 1 << 20));
        assertEquals(LIMIT, CrossInstanceFrames.runOnThread(SPLIT, 1 << 20));
        assertEquals(LIMIT, CrossInstanceFrames.runOnThread(EngineConfig.builder().consumeFuel(true).epochInterruption(true).build(), 1 << 20));
    }

    @Test
    void aLimitThatFitsASmallThreadTrapsFirstOnIt() throws InterruptedException {
        assertEquals(LIMIT, CrossInstanceFrames.runOnThread(EngineConfig.builder().maxWasmStack(96 * 1024).build(), 256 * 1024));
        assertEquals(LIMIT, CrossInstanceFrames.runOnThread(SPLIT.toBuilder().maxWasmStack(96 * 1024).build(), 256 * 1024));
    }

    @Test
    void inAJvmWithDefaultThreadStacksTheDefaultLimitTrapsFirst() throws Exception {
        for (List<String> flags : List.of(List.<String>of(), List.of("-Xint"))) {
            for (String config : List.of("plain", "split")) {
                assertEquals(List.of("main " + LIMIT, "thread " + LIMIT), StackFrames.child(CrossInstanceFrames.class, flags, config), flags + " " + config);
            }
        }
    }
}
