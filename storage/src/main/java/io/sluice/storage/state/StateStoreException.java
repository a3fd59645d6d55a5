package io.sluice.storage.state;

/** LMDB refused an operation on a state store (I/O error, corruption, misuse); the message says which. */
public class StateStoreException extends RuntimeException {
    public StateStoreException(String message) {
        super(message);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
