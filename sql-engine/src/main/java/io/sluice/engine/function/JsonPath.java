package io.sluice.engine.function;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset of ksqlDB's EXTRACTJSONFIELD: {@code $} then steps {@code .name},
 * {@code ['name']} / {@code ["name"]} and {@code [index]}. Steps are field names ({@code String})
 * or array indexes ({@code Integer}).
 */
final class JsonPath {

  private JsonPath() {}

  static List<Object> steps(String path) {
    String p = path.trim();
    if (!p.startsWith("$")) {
      throw new IllegalArgumentException("a JSON path starts with $: " + path);
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        steps.add(p.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = p.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in JSON path " + path);
        }
        String inner = p.substring(i + 1, end).trim();
        if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else {
          steps.add(Integer.parseInt(inner));
        }
        i = end + 1;
      } else {
        throw new IllegalArgumentException("bad JSON path " + path);
      }
    }
    return steps;
  }
}
