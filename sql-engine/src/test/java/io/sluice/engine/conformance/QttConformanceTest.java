package io.sluice.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the public conformance cases ({@code ../shared/conformance/qtt/cases.jsonl}, skipped when
 * absent) through the engine's test mode and holds the result to the list of known failures in
 * {@code conformance/known-failures.txt}: a case failing that is not listed fails this test (a
 * regression), and so does a listed case that passes (the list may only shrink: remove it).
 * The report goes to {@code target/conformance-report.jsonl}.
 *
 * <p>{@code -Dqtt.file=name.json} runs only the cases of that file (without the list check).
 */
class QttConformanceTest {

  private static final String KNOWN = "/conformance/known-failures.txt";

  static Path casesFile() {
    for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
      Path p = base.resolve("shared/conformance/qtt/cases.jsonl");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void publicCasesPassExceptKnownFailures() throws IOException {
    Path cases = casesFile();
    assumeTrue(cases != null, "../shared/conformance is not here");
    String only = System.getProperty("qtt.file");
    List<CaseResult> results = QttRunner.run(cases,
        c -> only == null || c.path("file").asText().equals(only));
    Path report = Path.of("target", "conformance-report.jsonl");
    Files.createDirectories(report.getParent());
    QttRunner.writeReport(results, report);
    Map<String, QttRunner.FileSummary> summary = QttRunner.summarize(results);
    int pass = 0;
    int fail = 0;
    int skip = 0;
    for (QttRunner.FileSummary s : summary.values()) {
      pass += s.pass();
      fail += s.fail();
      skip += s.skip();
    }
    System.out.printf("conformance: %d pass, %d fail, %d skip (report %s)%n", pass, fail, skip,
        report.toAbsolutePath());
    if (only != null) {
      results.stream().filter(r -> !r.passed()).forEach(r ->
          System.out.println(r.status() + " " + r.name() + ": " + r.message()));
      return;
    }
    Set<String> known = known();
    List<String> regressions = new ArrayList<>();
    Set<String> fixed = new TreeSet<>(known);
    for (CaseResult r : results) {
      String id = r.file() + "\t" + r.name();
      if (r.status().equals("fail")) {
        fixed.remove(id);
        if (!known.contains(id)) {
          regressions.add(id + "\t" + r.message());
        }
      }
    }
    assertTrue(regressions.isEmpty(), regressions.size() + " cases fail that are not known"
        + " failures:\n" + String.join("\n", regressions));
    assertTrue(fixed.isEmpty(), fixed.size() + " known failures pass now: remove them from "
        + KNOWN + ":\n" + String.join("\n", fixed));
  }

  private static Set<String> known() throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream in = QttConformanceTest.class.getResourceAsStream(KNOWN)) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    }
    return out;
  }
}
