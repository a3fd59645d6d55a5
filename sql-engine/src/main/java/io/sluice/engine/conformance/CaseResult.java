package io.sluice.engine.conformance;

import java.util.Objects;

/**
 * The outcome of one conformance case, as one line of the report.
 *
 * @param file the case file it came from ({@code project-filter.json})
 * @param name the case's name
 * @param status {@code pass}, {@code fail} or {@code skip}
 * @param message why it failed or was skipped, or for an expected error the engine's message
 */
public record CaseResult(String file, String name, String status, String message) {
  public CaseResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  static CaseResult pass(String file, String name, String message) {
    return new CaseResult(file, name, "pass", message);
  }

  static CaseResult fail(String file, String name, String message) {
    return new CaseResult(file, name, "fail", message);
  }

  static CaseResult skip(String file, String name, String message) {
    return new CaseResult(file, name, "skip", message);
  }

  public boolean passed() {
    return status.equals("pass");
  }
}
