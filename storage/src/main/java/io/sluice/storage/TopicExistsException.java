package io.sluice.storage;

/** A topic of that name exists already. */
public class TopicExistsException extends StorageException {
    public TopicExistsException(String message) {
        super(message);
    }
}
