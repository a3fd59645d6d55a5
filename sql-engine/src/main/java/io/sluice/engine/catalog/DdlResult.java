package io.sluice.engine.catalog;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a catalog statement did.
 *
 * @param message what happened, as ksqlDB words it (e.g. {@code Stream created}); for a statement
 *     that changed nothing ({@code IF NOT EXISTS}, {@code IF EXISTS}) why not
 * @param changed whether the catalog changed
 * @param offset the statement's offset in the command log; empty when it was not logged (it
 *     changed nothing, or it was being replayed)
 */
public record DdlResult(String message, boolean changed, OptionalLong offset) {
  public DdlResult {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(offset, "offset");
  }

  static DdlResult unchanged(String message) {
    return new DdlResult(message, false, OptionalLong.empty());
  }
}
