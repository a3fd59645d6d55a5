package io.sluice.storage;

/** A batch is larger than the topic's max.message.bytes. */
public class RecordTooLargeException extends StorageException {
    public RecordTooLargeException(String message) {
        super(message);
    }
}
