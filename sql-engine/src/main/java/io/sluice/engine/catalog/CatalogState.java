package io.sluice.engine.catalog;

import io.sluice.engine.types.SqlType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's contents at one moment: immutable, replaced whole on every change (copy on
 * write: changes are rare, lookups are many and must not block).
 *
 * @param sources sources by canonical name
 * @param types custom types by canonical name
 * @param readers per source name, the queries reading it (no empty sets)
 * @param writers per source name, the queries writing it (no empty sets)
 */
record CatalogState(Map<String, Source> sources, Map<String, SqlType> types,
    Map<String, Set<String>> readers, Map<String, Set<String>> writers) {

  static final CatalogState EMPTY = new CatalogState(Map.of(), Map.of(), Map.of(), Map.of());

  CatalogState {
    sources = Map.copyOf(sources);
    types = Map.copyOf(types);
    readers = Map.copyOf(readers);
    writers = Map.copyOf(writers);
  }

  Set<String> readers(String source) {
    return readers.getOrDefault(source, Set.of());
  }

  Set<String> writers(String source) {
    return writers.getOrDefault(source, Set.of());
  }

  CatalogState withSource(Source source) {
    Map<String, Source> s = new HashMap<>(sources);
    s.put(source.name(), source);
    return new CatalogState(s, types, readers, writers);
  }

  CatalogState withoutSource(String name) {
    Map<String, Source> s = new HashMap<>(sources);
    s.remove(name);
    Map<String, Set<String>> r = new HashMap<>(readers);
    r.remove(name);
    Map<String, Set<String>> w = new HashMap<>(writers);
    w.remove(name);
    return new CatalogState(s, types, r, w);
  }

  CatalogState withType(String name, SqlType type) {
    Map<String, SqlType> t = new HashMap<>(types);
    t.put(name, type);
    return new CatalogState(sources, t, readers, writers);
  }

  CatalogState withoutType(String name) {
    Map<String, SqlType> t = new HashMap<>(types);
    t.remove(name);
    return new CatalogState(sources, t, readers, writers);
  }

  CatalogState withUsage(String source, String queryId, boolean reader) {
    Map<String, Set<String>> m = new HashMap<>(reader ? readers : writers);
    Set<String> ids = new HashSet<>(m.getOrDefault(source, Set.of()));
    ids.add(queryId);
    m.put(source, Set.copyOf(ids));
    return reader ? new CatalogState(sources, types, m, writers)
        : new CatalogState(sources, types, readers, m);
  }

  CatalogState withoutQuery(String queryId) {
    return new CatalogState(sources, types, without(readers, queryId), without(writers, queryId));
  }

  private static Map<String, Set<String>> without(Map<String, Set<String>> usage, String id) {
    Map<String, Set<String>> m = new HashMap<>();
    usage.forEach((source, ids) -> {
      Set<String> rest = new HashSet<>(ids);
      rest.remove(id);
      if (!rest.isEmpty()) {
        m.put(source, Set.copyOf(rest));
      }
    });
    return m;
  }
}
