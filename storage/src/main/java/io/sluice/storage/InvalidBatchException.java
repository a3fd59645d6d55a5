package io.sluice.storage;

/** A record batch is malformed or fails its checksum; nothing of the request was appended. */
public class InvalidBatchException extends StorageException {
    public InvalidBatchException(String message) {
        super(message);
    }
}
