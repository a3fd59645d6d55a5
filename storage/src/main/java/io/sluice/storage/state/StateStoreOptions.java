package io.sluice.storage.state;

/**
 * How a {@link StateStore} is opened. Immutable; start from {@link #DEFAULTS} and change what is
 * needed with the {@code with} methods.
 *
 * <ul>
 * <li>{@code initialMapSize}: the LMDB map size a new store starts with (default 16 MiB). It is
 *     only address space until used: the file grows with the data. The store doubles it when it
 *     is three quarters used at the start of a transaction, and whenever a write finds it full.</li>
 * <li>{@code maxMaps}: how many named maps the store may hold (default 64; LMDB fixes it per
 *     open, and looks names up linearly, so keep it small).</li>
 * <li>{@code maxReaders}: concurrent snapshots plus the writer (default 256).</li>
 * <li>{@code syncOnCommit}: whether a commit waits for fsync (default true): a committed
 *     transaction then survives a power loss, not only a process crash. Without it, commits
 *     survive a killed process (the OS page cache holds them) and {@link StateStore#close}
 *     syncs; a machine crash may roll the store back to an older, still consistent commit.</li>
 * <li>{@code changelog}: the {@link Changelog} told about every committed change, or null.</li>
 * </ul>
 */
public final class StateStoreOptions {

    public static final long DEFAULT_INITIAL_MAP_SIZE = 16L << 20;
    public static final StateStoreOptions DEFAULTS =
            new StateStoreOptions(DEFAULT_INITIAL_MAP_SIZE, 64, 256, true, null);

    private final long initialMapSize;
    private final int maxMaps;
    private final int maxReaders;
    private final boolean syncOnCommit;
    private final Changelog changelog;

    private StateStoreOptions(long initialMapSize, int maxMaps, int maxReaders, boolean syncOnCommit,
            Changelog changelog) {
        if (initialMapSize < (64 << 10)) {
            throw new IllegalArgumentException("initialMapSize must be at least 64 KiB: " + initialMapSize);
        }
        if (maxMaps < 1 || maxReaders < 2) {
            throw new IllegalArgumentException("maxMaps must be >= 1 and maxReaders >= 2");
        }
        this.initialMapSize = initialMapSize;
        this.maxMaps = maxMaps;
        this.maxReaders = maxReaders;
        this.syncOnCommit = syncOnCommit;
        this.changelog = changelog;
    }

    public StateStoreOptions withInitialMapSize(long bytes) {
        return new StateStoreOptions(bytes, maxMaps, maxReaders, syncOnCommit, changelog);
    }

    public StateStoreOptions withMaxMaps(int n) {
        return new StateStoreOptions(initialMapSize, n, maxReaders, syncOnCommit, changelog);
    }

    public StateStoreOptions withMaxReaders(int n) {
        return new StateStoreOptions(initialMapSize, maxMaps, n, syncOnCommit, changelog);
    }

    public StateStoreOptions withSyncOnCommit(boolean sync) {
        return new StateStoreOptions(initialMapSize, maxMaps, maxReaders, sync, changelog);
    }

    public StateStoreOptions withChangelog(Changelog hook) {
        return new StateStoreOptions(initialMapSize, maxMaps, maxReaders, syncOnCommit, hook);
    }

    public long initialMapSize() {
        return initialMapSize;
    }

    public int maxMaps() {
        return maxMaps;
    }

    public int maxReaders() {
        return maxReaders;
    }

    public boolean syncOnCommit() {
        return syncOnCommit;
    }

    public Changelog changelog() {
        return changelog;
    }
}
