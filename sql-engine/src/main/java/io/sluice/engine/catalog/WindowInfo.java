package io.sluice.engine.catalog;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the keys of a windowed source's topic are windowed ({@code WINDOW_TYPE} and
 * {@code WINDOW_SIZE} of the WITH clause). Immutable.
 *
 * @param type the window type
 * @param size the window size: present for {@link Type#TUMBLING} and {@link Type#HOPPING},
 *     empty for {@link Type#SESSION} (session windows carry their end in the key)
 */
public record WindowInfo(Type type, Optional<Duration> size) {

  /** ksqlDB's window types. */
  public enum Type {
    SESSION, TUMBLING, HOPPING
  }

  /**
   * @throws IllegalArgumentException when the size is present for a session window, missing for
   *     another, or not positive
   */
  public WindowInfo {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(size, "size");
    if (size.isPresent() == (type == Type.SESSION)) {
      throw new IllegalArgumentException(type + " windows " + (type == Type.SESSION
          ? "have no size" : "need a size"));
    }
    if (size.isPresent() && (size.get().isNegative() || size.get().isZero())) {
      throw new IllegalArgumentException("window size must be positive: " + size.get());
    }
  }

  @Override
  public String toString() {
    return size.map(s -> type + " (" + s.toMillis() + " ms)").orElse(type.name());
  }
}
