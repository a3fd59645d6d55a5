package io.sluice.storage.state;

/**
 * Told about a {@link StateRestore}'s progress: after every committed batch and once more at the
 * end with {@link RestoreProgress#done()} true. Called on the restoring thread; it should return
 * quickly, and an exception it throws aborts the restore.
 */
@FunctionalInterface
public interface RestoreListener {

    RestoreListener NONE = p -> { };

    void onProgress(RestoreProgress progress);
}
