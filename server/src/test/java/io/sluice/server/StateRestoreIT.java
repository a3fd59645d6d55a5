package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose LMDB directory was deleted is restored on start from its changelog topic
 * ({@link StateRestoreScenario} with 20,000 keys; {@code bench/state-restore.sh} runs 1,000,000).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StateRestoreIT {

    @TempDir
    Path dir;

    @Test
    void aDeletedStateDirectoryIsRestoredOnStart() throws Exception {
        StateRestoreScenario.Result r = new StateRestoreScenario(dir, 20_000, System.out).run();
        assertEquals(20_000, r.keys());
    }
}
