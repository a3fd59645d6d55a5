package io.sluice.storage;

/** A configuration key is unknown or its value does not parse or is out of range. */
public class InvalidConfigException extends StorageException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
