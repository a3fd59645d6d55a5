package io.sluice.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs conformance cases in ksqlDB's query-validation-test format (one JSON object per line, as
 * {@code ../shared/conformance/README.md} describes) and writes one JSON line per case:
 * {@code {"file", "name", "status": "pass"|"fail"|"skip", "message"}}. Each case runs in a fresh
 * engine in the deterministic test mode ({@link CaseRun}). A case is skipped only when it needs a
 * Schema Registry format.
 */
public final class QttRunner {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Pass/fail/skip counts of one case file. */
  public record FileSummary(int pass, int fail, int skip) {
    FileSummary add(CaseResult r) {
      return switch (r.status()) {
        case "pass" -> new FileSummary(pass + 1, fail, skip);
        case "fail" -> new FileSummary(pass, fail + 1, skip);
        default -> new FileSummary(pass, fail, skip + 1);
      };
    }
  }

  private QttRunner() {}

  /** Runs every case of {@code cases} that {@code select} accepts, in file order. */
  public static List<CaseResult> run(Path cases, Predicate<JsonNode> select) throws IOException {
    List<CaseResult> results = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(cases, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode c = QttRecords.parse(line);
        if (select.test(c)) {
          results.add(new CaseRun(c).run());
        }
      }
    }
    return results;
  }

  /** Writes the report: one JSON line per case. */
  public static void writeReport(List<CaseResult> results, Path report) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      for (CaseResult r : results) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("file", r.file());
        line.put("name", r.name());
        line.put("status", r.status());
        line.put("message", r.message());
        out.write(MAPPER.writeValueAsString(line));
        out.write('\n');
      }
    }
  }

  /** Counts per file, in file order. */
  public static Map<String, FileSummary> summarize(List<CaseResult> results) {
    Map<String, FileSummary> out = new LinkedHashMap<>();
    for (CaseResult r : results) {
      out.merge(r.file(), new FileSummary(0, 0, 0).add(r), (a, b) -> new FileSummary(
          a.pass() + b.pass(), a.fail() + b.fail(), a.skip() + b.skip()));
    }
    return out;
  }
}
