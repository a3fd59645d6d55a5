package io.sluice.grammar.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the AST records. */
final class Checks {
  private Checks() {}

  static <T> T nonNull(T value, String name) {
    return Objects.requireNonNull(value, name);
  }

  /** An immutable copy; rejects a null list or null elements. */
  static <T> List<T> list(List<T> list, String name) {
    return List.copyOf(Objects.requireNonNull(list, name));
  }

  /** An immutable copy that keeps the iteration order; rejects null keys and values. */
  static <K, V> Map<K, V> orderedMap(Map<K, V> map, String name) {
    Objects.requireNonNull(map, name);
    Map<K, V> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, name + " key"),
        Objects.requireNonNull(v, name + " value")));
    return Collections.unmodifiableMap(copy);
  }
}
