package io.sluice.storage;

/** A request the storage layer refuses; the message says what and why. The store stays usable. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }
}
