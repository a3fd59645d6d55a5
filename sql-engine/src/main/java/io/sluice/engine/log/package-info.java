/**
 * How the engine reads and writes partition logs: one small interface, {@link io.sluice.engine.log.LogIO},
 * with two implementations that pass the same contract tests.
 *
 * <ul>
 * <li>{@link io.sluice.engine.log.EmbeddedLogIO}: over a {@link io.sluice.storage.LogStore} in the same
 *     process (the embedded broker's store), no network; batches are built with kafka-clients' v2 record
 *     format and appended with {@link io.sluice.storage.PartitionLog#append}.</li>
 * <li>{@link io.sluice.engine.log.ClientLogIO}: over kafka-clients ({@code KafkaProducer} with
 *     {@code acks=all} and idempotence, group-less {@code KafkaConsumer}, {@code Admin}), for any
 *     Kafka-protocol cluster, Apache Kafka included.</li>
 * </ul>
 *
 * <p>Partitions are named by kafka-clients' {@link org.apache.kafka.common.TopicPartition} (immutable,
 * hashable, and what {@code ClientLogIO} needs anyway) rather than a type of our own; headers are
 * {@link io.sluice.engine.log.Header}, which implements kafka-clients' header interface so that both
 * implementations hand them to Kafka's record code without conversion.
 *
 * <p>Keyed records are partitioned exactly as a stock {@code KafkaProducer} would
 * ({@link io.sluice.engine.log.LogIO#keyPartition}), so tables written by the engine and by external
 * producers agree on where a key lives.
 *
 * <p>Errors are unchecked: {@link io.sluice.engine.log.LogException} and its subclasses for the log's
 * refusals and failures, {@link IllegalArgumentException} for invalid arguments and
 * {@link IllegalStateException} for calls on closed objects.
 */
package io.sluice.engine.log;
