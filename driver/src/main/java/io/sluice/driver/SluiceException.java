package io.sluice.driver;

/**
 * A request to the server failed: the server could not be reached, answered with an HTTP error that
 * is not about a statement, or sent something that is not the ksqlDB API's JSON. Unchecked, so that
 * iterators over streamed rows can raise it.
 */
public class SluiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SluiceException(String message) {
        super(message);
    }

    public SluiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
