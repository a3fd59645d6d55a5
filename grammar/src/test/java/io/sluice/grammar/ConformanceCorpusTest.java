package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Parses every statement of ksqlDB's query-validation cases that are expected to succeed
 * ({@code ../shared/conformance/qtt/cases.jsonl}, found by walking up from the working
 * directory; skipped when absent).
 */
class ConformanceCorpusTest {
  private static final Path CASES = Path.of("shared", "conformance", "qtt", "cases.jsonl");

  /**
   * Statements known not to parse. This list may only shrink: any other statement that fails
   * fails the test.
   */
  private static final Set<String> KNOWN_FAILURES = Set.of();

  /**
   * Cases ksqlDB rejects with a ParseFailedException that this parser accepts, because the
   * check is not a matter of syntax and belongs to the engine. By case name.
   */
  private static final Set<String> ACCEPTED_PARSE_FAILURES = Set.of(
      // WITH-property validation (WINDOW_SIZE with WINDOW_TYPE='Session').
      "import table with invalid window size");

  @Test
  void parsesEveryStatementOfTheSuccessfulCases() throws IOException {
    List<Map<String, Object>> cases = readCases();
    List<String> statements = new ArrayList<>();
    for (Map<String, Object> testCase : cases) {
      if (testCase.get("expectedError") == null) {
        statements.addAll(statements(testCase));
      }
    }

    int passed = 0;
    Set<String> unexpected = new LinkedHashSet<>();
    StringBuilder report = new StringBuilder();
    for (String sql : statements) {
      try {
        SqlParser.parseScript(sql);
        passed++;
      } catch (SqlSyntaxException e) {
        if (!KNOWN_FAILURES.contains(sql)) {
          unexpected.add(sql);
          report.append("\n  ").append(e.getMessage()).append("\n    in: ").append(sql);
        }
      }
    }
    System.out.printf("conformance corpus: %d of %d statements parse (%.2f%%)%n", passed,
        statements.size(), 100.0 * passed / statements.size());
    assertTrue(unexpected.isEmpty(),
        unexpected.size() + " statement(s) failed to parse:" + report);
    assertTrue(passed >= 0.99 * statements.size(), "fewer than 99% of the statements parse");
  }

  @Test
  void rejectsTheCasesKsqldbFailsToParse() throws IOException {
    int rejected = 0;
    int total = 0;
    StringBuilder accepted = new StringBuilder();
    for (Map<String, Object> testCase : readCases()) {
      Object error = testCase.get("expectedError");
      if (!(error instanceof Map<?, ?> map)
          || !String.valueOf(map.get("type")).endsWith("ParseFailedException")) {
        continue;
      }
      total++;
      try {
        for (String sql : statements(testCase)) {
          SqlParser.parseScript(sql);
        }
        String name = (String) testCase.get("name");
        if (!ACCEPTED_PARSE_FAILURES.contains(name)) {
          accepted.append("\n  ").append(name).append(": ").append(statements(testCase));
        }
      } catch (SqlSyntaxException expected) {
        rejected++;
      }
    }
    System.out.printf("conformance corpus: %d of %d cases that ksqlDB fails to parse are "
        + "rejected%n", rejected, total);
    assertTrue(accepted.length() == 0, "accepted, but ksqlDB rejects:" + accepted);
  }

  private static List<Map<String, Object>> readCases() throws IOException {
    Path file = findCases();
    assumeTrue(file != null, "conformance corpus not found: skipped");
    List<Map<String, Object>> cases = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> testCase = (Map<String, Object>) MiniJson.parse(line);
        cases.add(testCase);
      }
    }
    return cases;
  }

  private static List<String> statements(Map<String, Object> testCase) {
    List<String> statements = new ArrayList<>();
    for (Object statement : (List<?>) testCase.get("statements")) {
      statements.add((String) statement);
    }
    return statements;
  }

  private static Path findCases() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve(CASES), dir.resolve("..").resolve(CASES))) {
        if (Files.isRegularFile(candidate)) {
          return candidate.normalize();
        }
      }
    }
    return null;
  }
}
