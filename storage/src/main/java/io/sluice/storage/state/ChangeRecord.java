package io.sluice.storage.state;

/**
 * One entry of a changelog as read back for {@link StateRestore}: the map it belongs to, the
 * key, and the value, or null for a delete (a tombstone in a compacted changelog topic).
 */
public record ChangeRecord(String map, byte[] key, byte[] value) {

    public ChangeRecord {
        if (map == null || key == null) {
            throw new IllegalArgumentException("a change record needs a map and a key");
        }
    }

    public boolean isDelete() {
        return value == null;
    }
}
