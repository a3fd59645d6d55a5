package io.sluice.engine.log;

/** The topic, or the partition of a topic, does not exist (Kafka's UNKNOWN_TOPIC_OR_PARTITION). */
public class UnknownTopicException extends LogException {

    public UnknownTopicException(String message) {
        super(message);
    }

    public UnknownTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
