package io.sluice.server;

import io.sluice.engine.conformance.CaseResult;
import io.sluice.engine.conformance.QttRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice test --qtt CASES.jsonl --report OUT.jsonl [--file NAME.json]}: runs conformance
 * cases in the engine's deterministic test mode and writes one JSON line per case; prints the
 * counts per case file. Exit status 0 when it ran (failing cases are data, not errors), 2 for bad
 * arguments.
 */
final class ConformanceCommand {

    static final String USAGE = """
            usage: sluice test --qtt CASES.jsonl --report OUT.jsonl [--file NAME.json]
              --qtt FILE      cases in ksqlDB's query-validation-test format, one JSON object per line
              --report FILE   where to write one JSON line per case: {file, name, status, message}
              --file NAME     run only the cases of that case file (e.g. project-filter.json)
            """;

    private ConformanceCommand() {
    }

    static int run(List<String> args) throws Exception {
        Path cases = null;
        Path report = null;
        String only = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--qtt" -> cases = v == null ? null : Path.of(v);
                case "--report" -> report = v == null ? null : Path.of(v);
                case "--file" -> only = v;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> {
                    System.err.println("sluice test: unknown option '" + a + "'\n" + USAGE);
                    return 2;
                }
            }
            i++;
        }
        if (cases == null || report == null) {
            System.err.println("sluice test: --qtt and --report are required\n" + USAGE);
            return 2;
        }
        if (!Files.isRegularFile(cases)) {
            System.err.println("sluice test: no such file: " + cases);
            return 2;
        }
        String file = only;
        long start = System.nanoTime();
        List<CaseResult> results = QttRunner.run(cases,
                c -> file == null || c.path("file").asText().equals(file));
        QttRunner.writeReport(results, report);
        int pass = 0;
        int fail = 0;
        int skip = 0;
        for (Map.Entry<String, QttRunner.FileSummary> e : QttRunner.summarize(results).entrySet()) {
            QttRunner.FileSummary s = e.getValue();
            System.out.printf("%-40s %4d pass %4d fail %4d skip%n", e.getKey(), s.pass(), s.fail(), s.skip());
            pass += s.pass();
            fail += s.fail();
            skip += s.skip();
        }
        System.out.printf("%d cases: %d pass, %d fail, %d skip in %.1f s; report %s%n", results.size(), pass,
                fail, skip, (System.nanoTime() - start) / 1e9, report);
        return 0;
    }
}
