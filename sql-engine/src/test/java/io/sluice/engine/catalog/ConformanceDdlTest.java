package io.sluice.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogIO;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.SqlSyntaxException;
import io.sluice.grammar.ast.CreateAsSelect;
import io.sluice.grammar.ast.CreateSource;
import io.sluice.grammar.ast.DropSource;
import io.sluice.grammar.ast.InsertInto;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.Statement;
import io.sluice.storage.FileLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the catalog statements of ksqlDB's conformance cases through the catalog. The cases are
 * read from {@code shared/conformance/qtt/cases.jsonl} in the working directory or above when
 * present (never copied into the project); the test is skipped without them.
 *
 * <p>Two sets of cases, reported apart:
 * <ul>
 *   <li><b>core</b>: the statements are only {@code CREATE STREAM|TABLE ... (columns) WITH (...)}
 *       plus queries (CREATE ... AS SELECT, INSERT INTO ... SELECT, SELECT), which are skipped;
 *   <li><b>extended</b>: the other cases whose statements are all catalog statements (CREATE
 *       without columns, DROP, CREATE/DROP TYPE) or queries, except those that mix a DROP with
 *       queries (it may drop what a skipped query made).
 * </ul>
 *
 * <p>A case with an expected error whose last statement is a catalog statement must have that
 * statement rejected and the ones before accepted; every other case must have all its catalog
 * statements accepted (its error, if any, is its query's). A rejection because a Schema Registry
 * would be needed (schema inference) is counted apart, as a known gap: Sluice has none.
 *
 * <p>Topics are made as ksqlDB's test runner makes them: those of the case's {@code topics} with
 * their partition counts (default 1), and, before each CREATE, its topic with 1 partition when it
 * does not exist and the statement gives no PARTITIONS (the runner registers the topics its
 * statements name).
 */
class ConformanceDdlTest {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final Pattern CREATE_WITH_COLUMNS = Pattern.compile(
      "(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(SOURCE\\s+)?(STREAM|TABLE)\\s+[^(]*\\(.*");
  private static final Pattern AS_SELECT = Pattern.compile("(?is).*\\bAS\\s+SELECT\\b.*");

  @TempDir
  Path dir;

  /** How many {@code post.sources} schemas were compared. */
  private int postChecked;

  /** Finds {@code shared/conformance/qtt/cases.jsonl} in the working directory or above. */
  static Optional<Path> corpus() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("shared/conformance/qtt/cases.jsonl");
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** One statement of a case: parsed, or the text of a CREATE the parser rejects. */
  private record Step(String text, Statement statement) {
    boolean isCatalog() {
      return statement == null || Catalog.handles(statement);
    }
  }

  /**
   * @param expectReject whether ksqlDB rejects the case's last statement, a catalog one
   * @param detail why it failed; for a passing expected rejection, ksqlDB's message and ours
   * @param schemaRegistry whether it failed because schema inference is needed
   */
  private record Outcome(String name, boolean core, boolean expectReject, boolean pass,
      String detail, boolean schemaRegistry) {}

  @Test
  @SuppressWarnings("unchecked")
  void catalogStatementsAreAcceptedOrRejectedAsKsqlDbDoes() throws IOException {
    Optional<Path> file = corpus();
    assumeTrue(file.isPresent(), "conformance cases not found above " + Path.of("").toAbsolutePath());
    List<Outcome> outcomes = new ArrayList<>();
    int total = 0;
    int[] statements = new int[2];
    try (FileLogStore store = FileLogStore.open(dir.resolve("logs"));
        LogIO io = new EmbeddedLogIO(store)) {
      for (String line : Files.readAllLines(file.get())) {
        if (line.isBlank()) {
          continue;
        }
        total++;
        Map<String, Object> c = JSON.readValue(line, Map.class);
        List<Step> plan = plan((List<String>) c.get("statements"));
        if (plan == null) {
          continue;
        }
        boolean core = plan.stream().filter(Step::isCatalog).allMatch(s -> s.statement() == null
            || s.statement() instanceof CreateSource cs && !cs.columns().isEmpty());
        statements[core ? 0 : 1] += (int) plan.stream().filter(Step::isCatalog).count();
        outcomes.add(run(c, plan, core, io));
      }
    }
    StringBuilder report = new StringBuilder("conformance DDL: " + total + " cases\n");
    summarize("core (CREATE with columns + skipped queries)", outcomes, true, statements[0],
        report);
    summarize("extended (all catalog statements)", outcomes, false, statements[1], report);
    report.append("  post.sources schemas compared: ").append(postChecked).append('\n');
    if (Boolean.getBoolean("conformance.verbose")) { // -Dconformance.verbose=true: every case
      outcomes.stream().filter(o -> o.expectReject() && o.pass())
          .forEach(o -> report.append("  rejected as expected: ").append(o.name()).append("\n    ")
              .append(o.detail()).append('\n'));
    }
    boolean verbose = Boolean.getBoolean("conformance.verbose");
    outcomes.stream().filter(o -> !o.pass() && (verbose || !o.schemaRegistry()))
        .forEach(o -> report.append("  ")
        .append(o.schemaRegistry() ? "[needs Schema Registry] " : "[FAIL] ")
        .append(o.name()).append(": ").append(o.detail()).append('\n'));
    System.out.print(report);
    List<String> unexplained = outcomes.stream().filter(o -> !o.pass() && !o.schemaRegistry())
        .map(o -> o.name() + ": " + o.detail()).toList();
    assertEquals(List.of(), unexplained, report.toString());
  }

  private static void summarize(String title, List<Outcome> all, boolean core, int statements,
      StringBuilder report) {
    List<Outcome> set = all.stream().filter(o -> o.core() == core).toList();
    long reject = set.stream().filter(Outcome::expectReject).count();
    long rejected = set.stream().filter(o -> o.expectReject() && o.pass()).count();
    long accepted = set.stream().filter(o -> !o.expectReject() && o.pass()).count();
    long sr = set.stream().filter(Outcome::schemaRegistry).count();
    long fail = set.stream().filter(o -> !o.pass() && !o.schemaRegistry()).count();
    report.append(String.format("  %s: %d cases, %d catalog statements; %d expect the last"
        + " statement rejected: %d are; %d expect all accepted: %d are; %d need Schema Registry"
        + " inference; %d fail%n", title, set.size(), statements, reject, rejected,
        set.size() - reject, accepted, sr, fail));
  }

  /** The case's statements, or null when it holds a statement neither set takes. */
  private static List<Step> plan(List<String> statements) {
    List<Step> plan = new ArrayList<>();
    for (String text : statements) {
      try {
        Statement s = SqlParser.parseStatement(text);
        if (!Catalog.handles(s) && !(s instanceof CreateAsSelect || s instanceof InsertInto
            || s instanceof Query)) {
          return null;
        }
        plan.add(new Step(text, s));
      } catch (SqlSyntaxException e) {
        if (!CREATE_WITH_COLUMNS.matcher(text).matches() || AS_SELECT.matcher(text).matches()) {
          return null;
        }
        plan.add(new Step(text, null));
      }
    }
    boolean queries = plan.stream().anyMatch(s -> !s.isCatalog());
    boolean drops = plan.stream().anyMatch(s -> s.statement() instanceof DropSource);
    boolean catalog = plan.stream().anyMatch(Step::isCatalog);
    return catalog && !(queries && drops) ? plan : null;
  }

  @SuppressWarnings("unchecked")
  private Outcome run(Map<String, Object> c, List<Step> plan, boolean core, LogIO io) {
    String name = c.get("file") + " | " + c.get("name");
    boolean sr = Boolean.TRUE.equals(c.get("needsSchemaRegistry"));
    for (String t : io.listTopics()) {
      io.deleteTopic(t);
    }
    for (Object t : (List<Object>) c.getOrDefault("topics", List.of())) {
      Map<String, Object> topic = (Map<String, Object>) t;
      Object partitions = topic.get("partitions");
      String topicName = (String) topic.get("name");
      if (io.describe(topicName).isEmpty()) {
        io.createTopic(topicName, partitions == null ? 1 : ((Number) partitions).intValue(),
            Map.of());
      }
    }
    Map<String, Object> error = (Map<String, Object>) c.get("expectedError");
    int last = plan.size() - 1;
    boolean expectReject = error != null && plan.get(last).isCatalog();
    try (Catalog catalog = Catalog.open(io, ReplayListener.NONE)) {
      for (int i = 0; i < plan.size(); i++) {
        Step step = plan.get(i);
        if (!step.isCatalog()) {
          continue; // a query: not the catalog's
        }
        String rejection = execute(catalog, step, stringProperties(c), io);
        boolean shouldReject = expectReject && i == last;
        if (rejection != null && !shouldReject) {
          return new Outcome(name, core, expectReject, false, "rejected: " + rejection,
              sr && rejection.contains("Schema Registry"));
        }
        if (rejection == null && shouldReject) {
          return new Outcome(name, core, true, false, "accepted, but ksqlDB says: "
              + error.get("message"), false);
        }
        if (rejection != null) {
          return new Outcome(name, core, true, true, "ksqlDB: " + error.get("message")
              + "\n    Sluice: " + rejection, false);
        }
      }
      String post = checkPost(c, catalog);
      if (post != null) {
        return new Outcome(name, core, false, false, post, false);
      }
    }
    return new Outcome(name, core, false, true, "", false);
  }

  /**
   * Compares the sources the catalog made with the case's {@code post.sources} (those it names
   * with a schema): the same columns, types and key constraints, and read-only when it says so.
   *
   * @return the difference, or null
   */
  @SuppressWarnings("unchecked")
  private String checkPost(Map<String, Object> c, Catalog catalog) {
    if (!(c.get("post") instanceof Map<?, ?> post) || !(post.get("sources") instanceof List<?> l)) {
      return null;
    }
    for (Object o : l) {
      Map<String, Object> expected = (Map<String, Object>) o;
      Optional<Source> source = catalog.source((String) expected.get("name"));
      if (source.isEmpty() || !(expected.get("schema") instanceof String schema)) {
        continue; // made by a query
      }
      postChecked++;
      String want = normalize(schema);
      String got = normalize(source.get().schemaText());
      if (!want.equals(got)) {
        return "post: " + source.get().name() + " has schema " + got + ", ksqlDB " + want;
      }
      if (Boolean.TRUE.equals(expected.get("isSource")) && !source.get().isReadOnly()) {
        return "post: " + source.get().name() + " should be read-only";
      }
    }
    return null;
  }

  /** A schema text without quotes and spaces, INT for INTEGER, KEY for PRIMARY KEY. */
  private static String normalize(String schema) {
    return schema.replace("`", "").replace("PRIMARY KEY", "KEY").replace(" ", "")
        .replace("INTEGER", "INT");
  }

  /** Runs one catalog statement; the rejection's message, or null when it was accepted. */
  private static String execute(Catalog catalog, Step step, Map<String, String> properties,
      LogIO io) {
    if (step.statement() == null) {
      try {
        SqlParser.parseStatement(step.text());
        return "?";
      } catch (SqlSyntaxException e) {
        return "parser: " + e.getMessage();
      }
    }
    if (step.statement() instanceof CreateSource cs) {
      Literal topic = cs.properties().get("KAFKA_TOPIC");
      if (topic != null && topic.asObject() != null && !cs.properties().containsKey("PARTITIONS")
          && io.describe(topic.asObject().toString()).isEmpty()) {
        try {
          io.createTopic(topic.asObject().toString(), 1, Map.of());
        } catch (IllegalArgumentException e) {
          // an invalid name: the statement will say so
        }
      }
    }
    try {
      catalog.execute(step.statement(), step.text(), properties);
      return null;
    } catch (CatalogException e) {
      return e.getMessage();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringProperties(Map<String, Object> c) {
    Map<String, String> out = new TreeMap<>();
    Object props = c.get("properties");
    if (props instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, String.valueOf(v)));
    }
    return out;
  }
}
