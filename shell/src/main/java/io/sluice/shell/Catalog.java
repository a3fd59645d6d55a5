package io.sluice.shell;

import io.sluice.driver.Entity;
import io.sluice.driver.SluiceClient;
import io.sluice.driver.SluiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names the server knows, for completion: one immutable snapshot, replaced whole by a reload.
 *
 * @param columns column names by stream/table name (upper case, as ksqlDB stores identifiers)
 */
record Catalog(Set<String> streams, Set<String> tables, Set<String> topics, Set<String> functions,
        Map<String, List<String>> columns) {

    static final Catalog EMPTY = new Catalog(Set.of(), Set.of(), Set.of(), Set.of(), Map.of());

    /** Describing every source costs one request each; past this many, columns are left out. */
    static final int MAX_DESCRIBED = 100;

    Set<String> sources() {
        Set<String> all = new TreeSet<>(streams);
        all.addAll(tables);
        return all;
    }

    /**
     * Asks the server: SHOW STREAMS, TABLES, TOPICS, FUNCTIONS and DESCRIBE of each source. A listing
     * that fails is left out (an unreachable server gives an empty catalog).
     *
     * @throws SluiceException when a DESCRIBE fails (a source dropped meanwhile)
     */
    static Catalog load(SluiceClient client) {
        Set<String> streams = new TreeSet<>();
        Set<String> tables = new TreeSet<>();
        Set<String> topics = new TreeSet<>();
        Set<String> functions = new TreeSet<>();
        for (Entity e : listings(client)) {
            if (e instanceof Entity.SourceList l) {
                Set<String> into = l.json().path("@type").asText().equals("tables") ? tables : streams;
                l.sources().forEach(s -> into.add(s.name()));
            } else if (e instanceof Entity.TopicList l) {
                l.topics().forEach(t -> topics.add(t.name()));
            } else if (e instanceof Entity.FunctionList l) {
                l.functions().forEach(f -> functions.add(f.name()));
            }
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Set<String> sources = new TreeSet<>(streams);
        sources.addAll(tables);
        if (sources.size() <= MAX_DESCRIBED) {
            for (String s : sources) {
                for (Entity e : client.execute("DESCRIBE " + quote(s) + ";")) {
                    if (e instanceof Entity.SourceDescription d) {
                        columns.put(s, d.columns().stream().map(Entity.Column::name).toList());
                    }
                }
            }
        }
        return new Catalog(Set.copyOf(streams), Set.copyOf(tables), Set.copyOf(topics), Set.copyOf(functions),
                Map.copyOf(columns));
    }

    /** Each listing on its own, so that one the server refuses costs only its own names. */
    private static List<Entity> listings(SluiceClient client) {
        List<Entity> all = new java.util.ArrayList<>();
        for (String listing : List.of("SHOW STREAMS;", "SHOW TABLES;", "SHOW TOPICS;", "SHOW FUNCTIONS;")) {
            try {
                all.addAll(client.execute(listing));
            } catch (SluiceException e) {
                // completion works with whatever the other listings gave
            }
        }
        return all;
    }

    private static String quote(String name) {
        return name.matches("[A-Z_][A-Z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
    }
}
