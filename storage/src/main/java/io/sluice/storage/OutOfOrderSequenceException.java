package io.sluice.storage;

/** An idempotent producer's batch does not follow its previous sequence number. */
public class OutOfOrderSequenceException extends StorageException {
    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
