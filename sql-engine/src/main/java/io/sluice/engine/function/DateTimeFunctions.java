package io.sluice.engine.function;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * ksqlDB's date and time functions over the runtime representation (DATE: days since the epoch,
 * TIME: milliseconds of the day, TIMESTAMP: milliseconds since the epoch, UTC). Formats are
 * {@link DateTimeFormatter} patterns, parsed case-insensitively in US English; a missing day is
 * the 1st, a missing time of day is midnight, a missing zone is UTC (or the zone argument).
 * Interval units arrive as strings ({@code 'DAYS'}, {@code 'MILLISECONDS'}, singular or plural),
 * as the translator passes them. Unparseable text is an error (null).
 */
@FunctionCategory(FunctionCategory.DATE_TIME)
public final class DateTimeFunctions {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final int CACHE_LIMIT = 1024;
  private static final Map<String, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();

  private DateTimeFunctions() {}

  static DateTimeFormatter formatter(String pattern) {
    DateTimeFormatter f = FORMATS.get(pattern);
    if (f == null) {
      if (FORMATS.size() >= CACHE_LIMIT) {
        FORMATS.clear();
      }
      f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
          .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
          .toFormatter(Locale.US);
      FORMATS.put(pattern, f);
    }
    return f;
  }

  private static ZoneId zone(String zone) {
    return ZoneId.of(zone);
  }

  /** Epoch milliseconds of text in format; a zone in the text wins over {@code zone}. */
  private static long parseMillis(String text, String format, ZoneId zone) {
    TemporalAccessor t = formatter(format).parse(text);
    LocalDate date = t.query(TemporalQueries.localDate());
    LocalTime time = t.query(TemporalQueries.localTime());
    ZoneId parsedZone = t.query(TemporalQueries.zone());
    ZonedDateTime z = ZonedDateTime.of(date != null ? date : LocalDate.EPOCH,
        time != null ? time : LocalTime.MIDNIGHT, parsedZone != null ? parsedZone : zone);
    return z.toInstant().toEpochMilli();
  }

  private static TimeUnit unit(String unit) {
    String u = unit.trim().toUpperCase(Locale.ROOT);
    return TimeUnit.valueOf(u.endsWith("S") ? u : u + "S");
  }

  // ---------------------------------------------------------------------------------------------
  // Current time and epoch conversions

  @Udf(name = "UNIX_TIMESTAMP", deterministic = false,
      description = "The current time in milliseconds since the epoch")
  public static Long unixTimestamp() {
    return System.currentTimeMillis();
  }

  @Udf(name = "UNIX_TIMESTAMP", strict = true,
      description = "timestamp in milliseconds since the epoch")
  public static Long unixTimestamp(@Sql("TIMESTAMP") Long timestamp) {
    return timestamp;
  }

  @Udf(name = "UNIX_DATE", deterministic = false,
      description = "The current date (UTC) in days since the epoch")
  public static Integer unixDate() {
    return (int) Math.floorDiv(System.currentTimeMillis(), MILLIS_PER_DAY);
  }

  @Udf(name = "UNIX_DATE", strict = true, description = "date in days since the epoch")
  public static Integer unixDate(@Sql("DATE") Integer date) {
    return date;
  }

  @Udf(name = "FROM_UNIXTIME", strict = true, returns = "TIMESTAMP",
      description = "The TIMESTAMP of milliseconds since the epoch")
  public static Long fromUnixtime(Long milliseconds) {
    return milliseconds;
  }

  @Udf(name = "FROM_DAYS", strict = true, returns = "DATE",
      description = "The DATE of days since the epoch")
  public static Integer fromDays(Integer days) {
    return days;
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing and formatting

  @Udf(name = "STRINGTODATE", strict = true,
      description = "formattedDate parsed with format, as days since the epoch (an INT)")
  public static Integer stringToDate(String formattedDate, String format) {
    return parseDate(formattedDate, format);
  }

  @Udf(name = "DATETOSTRING", strict = true,
      description = "The date given as days since the epoch (an INT), in format")
  public static String dateToString(Integer epochDays, String format) {
    return formatDate(epochDays, format);
  }

  @Udf(name = "PARSE_DATE", strict = true, returns = "DATE",
      description = "formattedDate parsed with format")
  public static Integer parseDate(String formattedDate, String format) {
    TemporalAccessor t = formatter(format).parse(formattedDate);
    return (int) t.query(TemporalQueries.localDate()).toEpochDay();
  }

  @Udf(name = "FORMAT_DATE", strict = true, description = "date in format")
  public static String formatDate(@Sql("DATE") Integer date, String format) {
    return formatter(format).format(LocalDate.ofEpochDay(date));
  }

  @Udf(name = "PARSE_TIME", strict = true, returns = "TIME",
      description = "formattedTime parsed with format")
  public static Integer parseTime(String formattedTime, String format) {
    TemporalAccessor t = formatter(format).parse(formattedTime);
    return (int) (t.query(TemporalQueries.localTime()).toNanoOfDay() / 1_000_000L);
  }

  @Udf(name = "FORMAT_TIME", strict = true, description = "time in format")
  public static String formatTime(@Sql("TIME") Integer time, String format) {
    return formatter(format).format(LocalTime.ofNanoOfDay(time * 1_000_000L));
  }

  @Udf(name = "STRINGTOTIMESTAMP", strict = true,
      description = "formattedTimestamp parsed with format (UTC unless it has a zone), as "
          + "milliseconds since the epoch (a BIGINT)")
  public static Long stringToTimestamp(String formattedTimestamp, String format) {
    return parseMillis(formattedTimestamp, format, ZoneOffset.UTC);
  }

  @Udf(name = "STRINGTOTIMESTAMP", strict = true,
      description = "formattedTimestamp parsed with format in timeZone, as epoch milliseconds")
  public static Long stringToTimestamp(String formattedTimestamp, String format,
      String timeZone) {
    return parseMillis(formattedTimestamp, format, zone(timeZone));
  }

  @Udf(name = "TIMESTAMPTOSTRING", strict = true,
      description = "epochMilli (a BIGINT) in format, in UTC")
  public static String timestampToString(Long epochMilli, String format) {
    return formatter(format).withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(epochMilli));
  }

  @Udf(name = "TIMESTAMPTOSTRING", strict = true,
      description = "epochMilli (a BIGINT) in format, in timeZone")
  public static String timestampToString(Long epochMilli, String format, String timeZone) {
    return formatter(format).withZone(zone(timeZone)).format(Instant.ofEpochMilli(epochMilli));
  }

  @Udf(name = "PARSE_TIMESTAMP", strict = true, returns = "TIMESTAMP",
      description = "formattedTimestamp parsed with format (UTC unless it has a zone)")
  public static Long parseTimestamp(String formattedTimestamp, String format) {
    return parseMillis(formattedTimestamp, format, ZoneOffset.UTC);
  }

  @Udf(name = "PARSE_TIMESTAMP", strict = true, returns = "TIMESTAMP",
      description = "formattedTimestamp parsed with format in timeZone")
  public static Long parseTimestamp(String formattedTimestamp, String format, String timeZone) {
    return parseMillis(formattedTimestamp, format, zone(timeZone));
  }

  @Udf(name = "FORMAT_TIMESTAMP", strict = true, description = "timestamp in format, in UTC")
  public static String formatTimestamp(@Sql("TIMESTAMP") Long timestamp, String format) {
    return timestampToString(timestamp, format);
  }

  @Udf(name = "FORMAT_TIMESTAMP", strict = true, description = "timestamp in format, in timeZone")
  public static String formatTimestamp(@Sql("TIMESTAMP") Long timestamp, String format,
      String timeZone) {
    return timestampToString(timestamp, format, timeZone);
  }

  @Udf(name = "CONVERT_TZ", strict = true, returns = "TIMESTAMP",
      description = "timestamp, read as a local time in fromTz, as the same local time in toTz")
  public static Long convertTz(@Sql("TIMESTAMP") Long timestamp, String fromTz, String toTz) {
    Instant i = Instant.ofEpochMilli(timestamp);
    int from = zone(fromTz).getRules().getOffset(i).getTotalSeconds();
    int to = zone(toTz).getRules().getOffset(i).getTotalSeconds();
    return timestamp + (to - from) * 1000L;
  }

  // ---------------------------------------------------------------------------------------------
  // Arithmetic

  @Udf(name = "DATEADD", strict = true, returns = "DATE",
      description = "date plus interval units (whole days count)")
  public static Integer dateAdd(String unit, Integer interval, @Sql("DATE") Integer date) {
    return Math.toIntExact(date + unit(unit).toDays(interval));
  }

  @Udf(name = "DATESUB", strict = true, returns = "DATE",
      description = "date minus interval units (whole days count)")
  public static Integer dateSub(String unit, Integer interval, @Sql("DATE") Integer date) {
    return Math.toIntExact(date - unit(unit).toDays(interval));
  }

  @Udf(name = "TIMEADD", strict = true, returns = "TIME",
      description = "time plus interval units, wrapping around midnight")
  public static Integer timeAdd(String unit, Integer interval, @Sql("TIME") Integer time) {
    return (int) Math.floorMod(time + unit(unit).toMillis(interval), MILLIS_PER_DAY);
  }

  @Udf(name = "TIMESUB", strict = true, returns = "TIME",
      description = "time minus interval units, wrapping around midnight")
  public static Integer timeSub(String unit, Integer interval, @Sql("TIME") Integer time) {
    return (int) Math.floorMod(time - unit(unit).toMillis(interval), MILLIS_PER_DAY);
  }

  @Udf(name = "TIMESTAMPADD", strict = true, returns = "TIMESTAMP",
      description = "timestamp plus interval units")
  public static Long timestampAdd(String unit, Integer interval,
      @Sql("TIMESTAMP") Long timestamp) {
    return timestamp + unit(unit).toMillis(interval);
  }

  @Udf(name = "TIMESTAMPSUB", strict = true, returns = "TIMESTAMP",
      description = "timestamp minus interval units")
  public static Long timestampSub(String unit, Integer interval,
      @Sql("TIMESTAMP") Long timestamp) {
    return timestamp - unit(unit).toMillis(interval);
  }
}
