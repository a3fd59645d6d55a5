package io.sluice.engine.query;

import java.util.Map;
import java.util.TreeMap;

/**
 * A client's session: properties ({@code SET 'auto.offset.reset'='earliest'}) and variables
 * ({@code DEFINE x = 'v'}, used as {@code ${x}}). Statements of a session see what earlier ones
 * set. Not thread-safe: one client, one session.
 */
public final class Session {

  private final Map<String, String> properties = new TreeMap<>();
  private final Map<String, String> variables = new TreeMap<>();

  public Session() {}

  public Session(Map<String, String> properties) {
    this.properties.putAll(properties);
  }

  /** The properties, live (changes are seen by later statements). */
  public Map<String, String> properties() {
    return properties;
  }

  /** The variables, live. */
  public Map<String, String> variables() {
    return variables;
  }
}
