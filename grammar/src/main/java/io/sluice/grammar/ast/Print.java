package io.sluice.grammar.ast;

import java.util.OptionalInt;

/**
 * {@code PRINT topic|'topic' [FROM BEGINNING] [INTERVAL|SAMPLE n] [LIMIT n]}.
 *
 * @param topic the topic name exactly as written, without quotes and never case-folded
 * @param quoted whether the name was quoted (a string or a quoted identifier); ksqlDB matches an
 *     unquoted name case-insensitively against the existing topics
 * @param interval print every n-th record; empty when not written
 * @param limit stop after n records; empty when not written
 */
public record Print(Pos pos, String topic, boolean quoted, boolean fromBeginning,
    OptionalInt interval, OptionalInt limit) implements Statement {
  public Print {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(topic, "topic");
    Checks.nonNull(interval, "interval");
    Checks.nonNull(limit, "limit");
  }
}
