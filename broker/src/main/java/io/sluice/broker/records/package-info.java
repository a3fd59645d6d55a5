/**
 * The one place where the broker touches kafka-clients' record internals
 * ({@code org.apache.kafka.common.record.internal}): turning request records into buffers for
 * the storage layer and log slices into response records that are sent from the file.
 * Keeping them here confines the breakage when kafka-clients moves those classes again.
 */
package io.sluice.broker.records;
