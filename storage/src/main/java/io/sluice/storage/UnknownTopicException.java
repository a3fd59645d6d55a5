package io.sluice.storage;

/** No topic of that name or id. */
public class UnknownTopicException extends StorageException {
    public UnknownTopicException(String message) {
        super(message);
    }
}
