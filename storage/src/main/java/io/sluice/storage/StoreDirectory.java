package io.sluice.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A {@link FileLogStore}'s data directory {@code DIR}, held exclusively: the {@code .lock} file
 * lock, the {@code .clean-shutdown} marker, and where topics live ({@code topics/}), are built
 * ({@code tmp/}) and are removed ({@code deleting/}).
 *
 * <p>Thread-safety: the paths are immutable and may be used from any thread. The rest changes the
 * directory's state and is called by the store only, while it opens and closes (under its admin
 * lock), so never concurrently; {@link #release} is called once.
 */
final class StoreDirectory {

    static final String TOPICS_DIR = "topics";
    static final String TMP_DIR = "tmp";
    static final String TRASH_DIR = "deleting";
    static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    static final String LOCK_FILE = ".lock";

    // the store's logger, so that logging configured for FileLogStore still covers its directory
    private static final System.Logger LOG = System.getLogger(FileLogStore.class.getName());

    private final Path root;
    private final Path topics;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StoreDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.topics = root.resolve(TOPICS_DIR);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and takes its lock.
     *
     * @throws IOException when another store, in this process or another, has the directory open
     */
    static StoreDirectory lock(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            // this JVM holds it already: another store here has the directory open
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("data directory " + dir + " is in use by another log store");
        }
        return new StoreDirectory(dir, lockChannel, lock);
    }

    /** The data directory. */
    Path root() {
        return root;
    }

    /** {@code topics/}: one directory per topic, named as the topic. */
    Path topics() {
        return topics;
    }

    /** Where a topic with this id is built before it is moved into {@code topics/} whole. */
    Path staging(UUID topicId) {
        return root.resolve(TMP_DIR).resolve(topicId.toString());
    }

    /** Where a deleted topic's directory is moved before it is removed. */
    Path trash(UUID topicId) {
        return root.resolve(TRASH_DIR).resolve(topicId.toString());
    }

    /**
     * On open, before anything else: whether the last store stopped with a {@link FileLogStore#close()}
     * that made every log durable. Without the marker, logs must be recovered.
     */
    boolean wasShutDownCleanly() {
        return Files.exists(root.resolve(CLEAN_SHUTDOWN_FILE));
    }

    /**
     * On open: removes what an interrupted topic creation or deletion left ({@code tmp/},
     * {@code deleting/}) and makes sure {@code topics/} exists.
     */
    void removeLeftovers() throws IOException {
        FileLogStore.deleteRecursively(root.resolve(TMP_DIR));
        FileLogStore.deleteRecursively(root.resolve(TRASH_DIR));
        Files.createDirectories(topics);
    }

    /**
     * Once the logs are open: removes the clean-shutdown marker, durably, since from now on the
     * logs change and a crash must lead to recovery.
     */
    void markInUse() throws IOException {
        Files.deleteIfExists(root.resolve(CLEAN_SHUTDOWN_FILE));
        Checkpoints.fsyncDirectory(root);
    }

    /** On close, only once every log is durable: lets the next open skip recovery. */
    void markCleanShutdown() throws IOException {
        Checkpoints.writeAtomically(root.resolve(CLEAN_SHUTDOWN_FILE), new byte[0]);
    }

    /** Releases the lock; failures are logged, as the store is going away anyway. */
    void release() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release " + root.resolve(LOCK_FILE), e);
        }
    }
}
