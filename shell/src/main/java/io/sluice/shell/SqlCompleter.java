package io.sluice.shell;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion over the latest {@link Catalog}; see {@link CompletionCandidates}. */
final class SqlCompleter implements Completer {

    private final Supplier<Catalog> catalog;

    SqlCompleter(Supplier<Catalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor());
        for (CompletionCandidates.Suggestion s : CompletionCandidates.of(catalog.get(), before)) {
            candidates.add(new Candidate(s.value(), s.value(), s.kind(), null, null, null, true));
        }
    }
}
