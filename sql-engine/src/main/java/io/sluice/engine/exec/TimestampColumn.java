package io.sluice.engine.exec;

import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * A column that gives records their time ({@code TIMESTAMP} in a WITH clause): BIGINT epoch
 * milliseconds, TIMESTAMP, or STRING parsed with {@code TIMESTAMP_FORMAT} (UTC when the pattern
 * has no zone; ISO-8601 instants without a pattern). Immutable and thread-safe.
 */
public final class TimestampColumn {

  private final int index;
  private final boolean text;
  private final DateTimeFormatter format;

  /**
   * @param index the column's index in the rows it reads
   * @param type the column's type
   * @param pattern the {@code TIMESTAMP_FORMAT}, for STRING columns
   */
  public TimestampColumn(int index, SqlType type, Optional<String> pattern) {
    this.index = index;
    this.text = type.baseType() == SqlBaseType.STRING;
    this.format = pattern.map(p -> DateTimeFormatter.ofPattern(p).withZone(ZoneOffset.UTC))
        .orElse(null);
  }

  /** The column's index. */
  public int index() {
    return index;
  }

  /**
   * The time the row's column gives, or -1 when it is null, negative or does not parse (the
   * record is then skipped, as ksqlDB does by default).
   */
  public long of(Object[] row) {
    Object value = row[index];
    if (value == null) {
      return -1;
    }
    if (!text) {
      long t = ((Number) value).longValue();
      return t < 0 ? -1 : t;
    }
    try {
      long t = parse((String) value);
      return t < 0 ? -1 : t;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return -1;
    }
  }

  private long parse(String value) {
    if (format == null) {
      return Instant.parse(value).toEpochMilli();
    }
    TemporalAccessor t = format.parse(value);
    if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(t).toEpochMilli();
    }
    if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
      return LocalDateTime.from(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return LocalDate.from(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
