package io.sluice.engine.catalog;

import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.SourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * ksqlDB's rules for statements that depend on what the catalog holds: names taken, replacing a
 * source, dropping one. Stateless; {@link Catalog} calls these under its lock.
 */
final class SourceRules {

  private SourceRules() {}

  /** {@code stream} or {@code table}. */
  static String noun(SourceKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** {@code Stream} or {@code Table}. */
  static String title(SourceKind kind) {
    return kind == SourceKind.STREAM ? "Stream" : "Table";
  }

  /** Why a CREATE without OR REPLACE / IF NOT EXISTS cannot take a name in use. */
  static String nameTaken(Source existing, SourceKind kind, String name) {
    return "Cannot add " + noun(kind) + " '" + name + "': A " + noun(existing.kind())
        + " with the same name already exists";
  }

  /**
   * Checks that {@code replacement} may replace {@code existing} (CREATE OR REPLACE without AS
   * SELECT): same kind, neither read-only nor written by a query, and compatible: the same topic,
   * formats, windowing and key columns, the old value columns kept as they were and new ones only
   * added at the end. Anything else would make the records already in the topic, or the queries
   * reading the source, wrong.
   *
   * @param orReplace whether the statement said OR REPLACE
   * @throws CatalogException when it may not
   */
  static void checkReplace(Source existing, Source replacement, boolean orReplace, Pos pos) {
    SourceKind kind = replacement.kind();
    String name = replacement.name();
    if (!orReplace) {
      throw new CatalogException(pos, nameTaken(existing, kind, name) + ". Use CREATE OR REPLACE "
          + kind + " to change it, CREATE " + kind + " IF NOT EXISTS to keep it, or DROP "
          + existing.kind() + " " + name + " first");
    }
    if (existing.isReadOnly() || replacement.isReadOnly()) {
      throw new CatalogException(pos, "Cannot add " + noun(kind) + " '" + name + "': CREATE OR"
          + " REPLACE is not supported on source " + noun(kind) + "s. DROP " + existing.kind()
          + " " + name + " and create it again");
    }
    if (existing.kind() != kind) {
      throw new CatalogException(pos, nameTaken(existing, kind, name) + ": CREATE OR REPLACE"
          + " cannot turn a " + noun(existing.kind()) + " into a " + noun(kind) + ". DROP "
          + existing.kind() + " " + name + " first");
    }
    if (existing.queryId().isPresent()) {
      throw new CatalogException(pos, "Cannot replace " + noun(kind) + " '" + name + "': query "
          + existing.queryId().get() + " writes it. Replace it with CREATE OR REPLACE " + kind
          + " ... AS SELECT, or terminate the query and drop the " + noun(kind) + " first");
    }
    List<String> changes = new ArrayList<>();
    if (!existing.topic().equals(replacement.topic())) {
      changes.add("KAFKA_TOPIC from '" + existing.topic() + "' to '" + replacement.topic() + "'");
    }
    if (!existing.keyFormat().equals(replacement.keyFormat())) {
      changes.add("the key format from " + existing.keyFormat() + " to "
          + replacement.keyFormat());
    }
    if (!existing.valueFormat().equals(replacement.valueFormat())) {
      changes.add("the value format from " + existing.valueFormat() + " to "
          + replacement.valueFormat());
    }
    if (!existing.window().equals(replacement.window())) {
      changes.add("the windowing");
    }
    if (!existing.keyColumns().equals(replacement.keyColumns())) {
      changes.add("the key columns from " + AstTypes.display(existing.keyColumns()) + " to "
          + AstTypes.display(replacement.keyColumns()));
    }
    List<SourceColumn> oldValues = nonKey(existing);
    List<SourceColumn> newValues = nonKey(replacement);
    if (newValues.size() < oldValues.size()
        || !newValues.subList(0, oldValues.size()).equals(oldValues)) {
      changes.add("the value columns from " + AstTypes.display(oldValues) + " to "
          + AstTypes.display(newValues));
    }
    if (!changes.isEmpty()) {
      throw new CatalogException(pos, "Cannot upgrade data source " + name + ": it would change "
          + String.join("; ", changes) + ". CREATE OR REPLACE may only add value columns at the"
          + " end; to change more, DROP " + kind + " " + name + " and create it again");
    }
  }

  private static List<SourceColumn> nonKey(Source s) {
    return s.columns().stream().filter(c -> !c.namespace().isKey()).toList();
  }

  /**
   * Checks a DROP of an existing source.
   *
   * @param others the other sources, for a topic they share
   * @param checkUsage false while replaying (the drop was accepted once, with the queries of
   *     that time)
   */
  static void checkDrop(Source source, SourceKind statementKind, boolean deleteTopic,
      Set<String> readers, Set<String> writers, Collection<Source> others, boolean checkUsage,
      Pos pos) {
    String name = source.name();
    if (source.kind() != statementKind) {
      throw new CatalogException(pos, "Incompatible data source type is " + source.kind()
          + ", but statement was DROP " + statementKind + ". Did you mean DROP " + source.kind()
          + " " + name + "?");
    }
    if (checkUsage && (!readers.isEmpty() || !writers.isEmpty())) {
      throw new CatalogException(pos, "Cannot drop " + name + ".\nThe following queries read"
          + " from this source: " + new TreeSet<>(readers) + ".\nThe following queries write"
          + " into this source: " + new TreeSet<>(writers) + ".\nYou need to terminate them"
          + " before dropping " + name + ".");
    }
    if (deleteTopic && source.isReadOnly()) {
      throw new CatalogException(pos, "Cannot delete topic for read-only source: " + name
          + ". Drop it without DELETE TOPIC");
    }
    if (deleteTopic && checkUsage) {
      List<String> sharing = others.stream().filter(o -> !o.name().equals(name))
          .filter(o -> o.topic().equals(source.topic())).map(Source::name).sorted().toList();
      if (!sharing.isEmpty()) {
        throw new CatalogException(pos, "Refusing to delete topic. Found other data sources ("
            + String.join(", ", sharing) + ") using topic " + source.topic()
            + ". Drop without DELETE TOPIC, or drop them first");
      }
    }
  }
}
