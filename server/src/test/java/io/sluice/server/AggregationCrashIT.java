package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's crash test at the suite's size: {@link AggregationCrashScenario} over 60,000 input
 * records with five SIGKILLs at random points, the state directory also deleted after kills 2
 * and 4 (restored from the changelogs), so that one run covers resuming from LMDB and from a
 * restore. The seed is printed, so a failure can be replayed; {@code bench/state-crash.sh} runs
 * the scenario over 1,000,000 records.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AggregationCrashIT {

    @TempDir
    Path dir;

    @Test
    void aggregationsEqualARecomputationAfterFiveKills() throws Exception {
        long seed = System.nanoTime();
        System.out.println("AggregationCrashIT seed " + seed);
        AggregationCrashScenario.Result r = new AggregationCrashScenario(dir, 60_000, 5, seed,
                Duration.ofMinutes(2), System.out).losingState().run();
        assertEquals(5, r.kills().size(), r.kills().toString());
    }
}
