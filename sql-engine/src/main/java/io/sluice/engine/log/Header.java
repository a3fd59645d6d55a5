package io.sluice.engine.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A record header: a key and an optional value, as in Kafka. Headers are ordered and keys may repeat.
 *
 * <p>Implements kafka-clients' {@link org.apache.kafka.common.header.Header} so both log
 * implementations pass headers to Kafka's record code as they are.
 *
 * <p>Immutable by convention: the value array is not copied, so whoever creates a header must not
 * change the array afterwards (copying every header of a million records a second is not free).
 * {@link #equals} and {@link #hashCode} compare the value's contents.
 *
 * @param key   the header key, never null
 * @param value the header value, null allowed
 */
public record Header(String key, byte[] value) implements org.apache.kafka.common.header.Header {

    public Header {
        Objects.requireNonNull(key, "header key");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + Bytes.show(value);
    }

    /** Kafka's headers as ours, in order (kept as they are when they already are ours). */
    static List<Header> listOf(org.apache.kafka.common.header.Header[] hs) {
        if (hs.length == 0) {
            return List.of();
        }
        List<Header> out = new ArrayList<>(hs.length);
        for (org.apache.kafka.common.header.Header h : hs) {
            out.add(h instanceof Header own ? own : new Header(h.key(), h.value()));
        }
        return List.copyOf(out);
    }
}
