package dev.bytelift.testmodules.limits;

import dev.bytelift.runtime.EngineConfig;

/**
 * The fuel scenarios again with every function split over many small JVM methods: fuel
 * accounting must stay exact across the pieces (region calls charge and check nothing; these small
 * bodies pass the counter from piece to piece as an argument, InliningSplitFuelTest covers a body
 * over 4 KiB, whose pieces share it in the frame array).
 */
class SplitFunctionFuelTest extends FuelTest {
    @Override
    EngineConfig.Builder config() {
        return super.config().splitFunctionsOver(0).regionInstructions(3);
    }
}
