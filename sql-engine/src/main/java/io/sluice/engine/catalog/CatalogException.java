package io.sluice.engine.catalog;

import io.sluice.grammar.ast.Pos;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement the catalog rejects: an invalid type, WITH property, column list, a name that is
 * taken or unknown, a topic that does not fit, a source still in use. Nothing was changed.
 *
 * <p>The message reads {@code line L:C: detail} when the problem has a place in the statement
 * (as {@link io.sluice.grammar.SqlSyntaxException} does), else just the detail. The detail says
 * what is wrong, where, and what to do about it.
 */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Pos pos;
  private final String detail;

  /**
   * @param pos where in the statement the problem is; null when it has no single place
   * @param detail the message without the position prefix, not null
   */
  public CatalogException(Pos pos, String detail) {
    super(pos == null ? detail : "line " + pos + ": " + Objects.requireNonNull(detail, "detail"));
    this.pos = pos;
    this.detail = detail;
  }

  /** An error with no place in the statement. */
  public CatalogException(String detail) {
    this(null, detail);
  }

  /** An error caused by another, e.g. a failure of the log. */
  public CatalogException(Pos pos, String detail, Throwable cause) {
    this(pos, detail);
    initCause(cause);
  }

  /** Where in the statement the problem is, when it has one place. */
  public Optional<Pos> pos() {
    return Optional.ofNullable(pos);
  }

  /** The message without the {@code line L:C: } prefix. */
  public String detail() {
    return detail;
  }
}
