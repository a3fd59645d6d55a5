package io.sluice.engine.log;

/**
 * {@link LogIO#createTopic} found a topic of that name with a different partition count. Nothing
 * was changed.
 */
public class TopicConflictException extends LogException {

    private final String topic;
    private final int existingPartitions;
    private final int requestedPartitions;

    public TopicConflictException(String topic, int existingPartitions, int requestedPartitions) {
        super("topic '" + topic + "' already exists with " + existingPartitions + " partition"
                + (existingPartitions == 1 ? "" : "s") + ", not the " + requestedPartitions + " requested");
        this.topic = topic;
        this.existingPartitions = existingPartitions;
        this.requestedPartitions = requestedPartitions;
    }

    public String topic() {
        return topic;
    }

    public int existingPartitions() {
        return existingPartitions;
    }

    public int requestedPartitions() {
        return requestedPartitions;
    }
}
