package io.sluice.storage;

/** A record's offset and its timestamp. */
public record OffsetAndTimestamp(long offset, long timestamp) {
}
