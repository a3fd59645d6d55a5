package io.sluice.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; starts at the real time so file mtimes compare sensibly. */
final class MutableClock extends Clock {

    private volatile long millis;

    MutableClock() {
        this(System.currentTimeMillis());
    }

    /** A clock at {@code startMillis}, for runs that must produce the same bytes every time. */
    MutableClock(long startMillis) {
        millis = startMillis;
    }

    void advance(long ms) {
        millis += ms;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
