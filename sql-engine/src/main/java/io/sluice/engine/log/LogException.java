package io.sluice.engine.log;

/**
 * A log operation failed: an I/O error, an unreachable or refusing cluster, a timeout, or one of the
 * more specific refusals that subclass it. The message says what was attempted and why it failed.
 */
public class LogException extends RuntimeException {

    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
