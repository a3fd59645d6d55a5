package io.sluice.storage;

/** An offset outside [log start offset, log end offset]. */
public class OffsetOutOfRangeException extends StorageException {
    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
