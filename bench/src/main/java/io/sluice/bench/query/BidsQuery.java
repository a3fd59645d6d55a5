package io.sluice.bench.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one query of the stateless query benchmark, fixed here for both sides:
 *
 * <pre>
 * SELECT auction, bidder, price * 908 / 1000 AS price_eur, channel, dateTime
 * FROM bids WHERE price &gt; 1000 AND channel &lt;&gt; 'Apple'
 * </pre>
 *
 * <p>Semantics (ksqlDB's), which the Kafka Streams side implements by hand and the Sluice side
 * gets from its SQL engine:
 * <ul>
 * <li>Input: topic {@code bids}, {@value #PARTITIONS} partitions, no key (null), JSON value with
 *     fields {@code auction, bidder, price, dateTime} (BIGINT) and {@code channel, url} (STRING).
 *     A missing field or JSON null is SQL NULL; a value that is not a JSON object is skipped (ksqlDB
 *     logs it to the processing log and goes on).</li>
 * <li>Filter: {@code price > 1000 AND channel <> 'Apple'}; a NULL operand makes the predicate NULL,
 *     which drops the row.</li>
 * <li>{@code price * 908 / 1000}: BIGINT * INT is BIGINT (Java long arithmetic, wrapping on
 *     overflow), and integer division truncates toward zero.</li>
 * <li>Output: topic {@code bids_out}, {@value #PARTITIONS} partitions, no key, JSON object with the
 *     columns in select order under ksqlDB's upper-cased names: {@code AUCTION, BIDDER, PRICE_EUR,
 *     CHANNEL, DATETIME}. Unquoted identifiers are upper-cased by ksqlDB, and its JSON reader
 *     matches field names case-insensitively, which is how {@code dateTime} feeds {@code DATETIME}.
 *     The output record keeps the input record's timestamp.</li>
 * </ul>
 *
 * <p>Why no key: the query neither reads nor writes one, and a key column would make the Sluice DDL
 * read {@code auction} from the key instead of the value. The loader spreads events round-robin
 * over the partitions instead ({@link BidGenerator}).
 */
public final class BidsQuery {

    public static final String INPUT_TOPIC = "bids";
    public static final String OUTPUT_TOPIC = "bids_out";
    public static final int PARTITIONS = 6;

    static final long MIN_PRICE_EXCLUSIVE = 1000;
    static final String EXCLUDED_CHANNEL = "Apple";
    static final long EUR_NUMERATOR = 908;
    static final long EUR_DENOMINATOR = 1000;

    /** Output column names, in order, as ksqlDB writes them. */
    public static final String[] OUTPUT_COLUMNS = {"AUCTION", "BIDDER", "PRICE_EUR", "CHANNEL", "DATETIME"};

    /** The Sluice side's DDL: declares {@code bids} over the existing topic. */
    public static final String CREATE_STREAM_SQL = "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, "
            + "channel STRING, url STRING, dateTime BIGINT) "
            + "WITH (KAFKA_TOPIC='" + INPUT_TOPIC + "', VALUE_FORMAT='JSON');";

    /** The Sluice side's persistent query; creates {@code bids_out} with {@value #PARTITIONS} partitions. */
    public static final String CSAS_SQL = "CREATE STREAM bids_out WITH (KAFKA_TOPIC='" + OUTPUT_TOPIC + "', "
            + "PARTITIONS=" + PARTITIONS + ", VALUE_FORMAT='JSON') AS "
            + "SELECT auction, bidder, price * " + EUR_NUMERATOR + " / " + EUR_DENOMINATOR + " AS price_eur, "
            + "channel, dateTime FROM bids "
            + "WHERE price > " + MIN_PRICE_EXCLUSIVE + " AND channel <> '" + EXCLUDED_CHANNEL + "';";

    private BidsQuery() {
    }

    /**
     * The WHERE clause with SQL NULLs: {@code price} or {@code channel} null means the row is dropped.
     */
    public static boolean filter(Long price, String channel) {
        return price != null && channel != null && price > MIN_PRICE_EXCLUSIVE && !channel.equals(EXCLUDED_CHANNEL);
    }

    /** {@code price * 908 / 1000} with NULL in, NULL out. */
    public static Long priceEur(Long price) {
        return price == null ? null : price * EUR_NUMERATOR / EUR_DENOMINATOR;
    }

    /**
     * The output value the query must produce for a generated bid that passes {@link #filter}: column
     * name to value, in output order. This is the reference the checker compares runs against.
     */
    public static Map<String, Object> expectedRow(Bid b) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(OUTPUT_COLUMNS[0], b.auction());
        row.put(OUTPUT_COLUMNS[1], b.bidder());
        row.put(OUTPUT_COLUMNS[2], priceEur(b.price()));
        row.put(OUTPUT_COLUMNS[3], b.channel());
        row.put(OUTPUT_COLUMNS[4], b.dateTime());
        return row;
    }
}
