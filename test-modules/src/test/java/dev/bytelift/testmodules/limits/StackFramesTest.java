package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.EngineConfig;

/**
 * The stack limit ({@code EngineConfig.maxWasmStack}, bytes of JVM stack) is what stops a runaway
 * recursion, not the JVM's stack, whatever the frames (small, many locals, many parameters, through
 * a call_indirect dispatcher, split into regions, deep-stack mode, through host functions): on
 * threads of the JVM's default size with the default limit, and on a small thread with a limit
 * that fits it. (A JVM StackOverflowError would be the same trap; these tests tell them apart by
 * the trap's cause.)
 */
class StackFramesTest {
    private static final List<String> LIMIT = Collections.nCopies(StackFrames.EXPORTS.size(), "limit");
    private static final EngineConfig SPLIT = EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).build();

    @Test
    void theDefaultLimitTrapsFirstOnAThreadOfTheJvmsDefaultSize() throws InterruptedException {
        // 1 MiB: HotSpot's default thread stack on x64 (tests run with -Xss16m, so say it)
        assertEquals(LIMIT, StackFrames.runOnThread(EngineConfig.defaults(), 1 << 20));
        assertEquals(LIMIT, StackFrames.runOnThread(SPLIT, 1 << 20));
    }

    @Test
    void theDefaultLimitTrapsFirstOnTheTestsOwnThread() {
        assertEquals(LIMIT, StackFrames.run(EngineConfig.defaults()));
    }

    @Test
    void aLimitThatFitsASmallThreadTrapsFirstOnIt() throws InterruptedException {
        EngineConfig small = EngineConfig.builder().maxWasmStack(96 * 1024).build();
        assertEquals(LIMIT, StackFrames.runOnThread(small, 256 * 1024));
        EngineConfig smallSplit = SPLIT.toBuilder().maxWasmStack(96 * 1024).build();
        assertEquals(LIMIT, StackFrames.runOnThread(smallSplit, 256 * 1024));
    }

    @Test
    void inAJvmWithDefaultThreadStacksTheDefaultLimitTrapsFirstOnMainAndOnANewThread() throws Exception {
        // also interpreted only: interpreter frames are the largest
        for (List<String> flags : List.of(List.<String>of(), List.of("-Xint"))) {
            for (String config : List.of("plain", "split")) {
                List<String> lines = StackFrames.child(StackFrames.class, flags, config);
                assertEquals(List.of("main " + LIMIT, "thread " + LIMIT), lines, flags + " " + config);
            }
        }
    }
}
