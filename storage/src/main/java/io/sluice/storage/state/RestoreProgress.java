package io.sluice.storage.state;

import java.time.Duration;

/**
 * Progress of a {@link StateRestore}: records applied so far (puts and deletes), their key and
 * value bytes, the average rate since the start, the time spent, and whether it is finished.
 */
public record RestoreProgress(long records, long bytes, double recordsPerSecond, Duration elapsed, boolean done) {
}
