package io.sluice.storage;

/** An idempotent producer's batch carries an epoch older than the one the log knows. */
public class InvalidProducerEpochException extends StorageException {
    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
