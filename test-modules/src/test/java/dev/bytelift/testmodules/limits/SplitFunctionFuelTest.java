package dev.bytelift.testmodules.limits;

import dev.bytelift.runtime.EngineConfig;

/**
 * The fuel scenarios again with every function split over many small JVM methods: fuel
 * accounting must stay exact across the pieces (region calls charge and check nothing).
 */
class SplitFunctionFuelTest extends FuelTest {
    @Override
    EngineConfig.Builder config() {
        return super.config().splitFunctionsOver(0).regionInstructions(3);
    }
}
