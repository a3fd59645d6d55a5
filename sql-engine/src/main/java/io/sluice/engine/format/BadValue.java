package io.sluice.engine.format;

/**
 * A value that cannot be converted, raised deep inside a conversion and caught by the serde,
 * which turns it into a {@link SerdeException} naming the format, part and column. Containers
 * prepend their part of the path as it propagates ({@code [2]}, {@code .F1}), so that the happy
 * path builds no path at all. Without a stack trace: it is control flow on bad data, which can be
 * frequent.
 */
final class BadValue extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private String path = "";

  /** @param problem what is wrong, without the record's data: {@code "not an integer"} */
  BadValue(String problem) {
    super(problem, null, false, false);
  }

  /** This exception with {@code segment} ({@code ".F1"}, {@code "[3]"}) put before its path. */
  BadValue prepend(String segment) {
    path = segment + path;
    return this;
  }

  /** Where inside the column's value, relative to it ({@code ".F1[3]"}); empty for the value. */
  String path() {
    return path;
  }

  /** What is wrong. */
  String problem() {
    return getMessage();
  }
}
