package io.sluice.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.ast.ColumnDef;
import io.sluice.grammar.ast.CreateSource;
import io.sluice.grammar.ast.CreateType;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.PrimitiveType;
import io.sluice.grammar.ast.SourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of {@link DdlAnalyzer} with its message; statements alone, no log. */
class DdlAnalyzerTest {

  private static final String WITH = "WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON')";

  private final DdlAnalyzer analyzer = new DdlAnalyzer(
      name -> name.equals("POINT") ? Optional.of(SqlType.struct().field("X", SqlType.DOUBLE)
          .field("Y", SqlType.DOUBLE).build()) : Optional.empty());

  private Source analyze(String sql) {
    return analyze(sql, Map.of());
  }

  private Source analyze(String sql, Map<String, String> session) {
    return analyzer.analyze((CreateSource) SqlParser.parseStatement(sql), sql, session);
  }

  /** Asserts the statement is rejected with a message containing {@code fragment}. */
  private CatalogException rejects(String sql, String fragment) {
    CatalogException e = assertThrows(CatalogException.class, () -> analyze(sql));
    assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: "
        + e.getMessage());
    return e;
  }

  // -----------------------------------------------------------------------------------------
  // What a source holds

  @Test
  void streamKeepsColumnsInOrderWithTheirNamespaces() {
    Source s = analyze("CREATE STREAM orders (id INT KEY, `Amount` DECIMAL(10, 2), "
        + "h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, trace BYTES HEADER('trace-id'), "
        + "p POINT) WITH (kafka_topic='orders_topic', value_format='json')");
    assertEquals("ORDERS", s.name());
    assertEquals(SourceKind.STREAM, s.kind());
    assertEquals("orders_topic", s.topic());
    assertEquals(FormatSpec.of(FormatName.KAFKA), s.keyFormat());
    assertEquals(FormatSpec.of(FormatName.JSON), s.valueFormat());
    assertEquals(List.of(
        SourceColumn.of("ID", SqlType.INTEGER, Namespace.KEY),
        SourceColumn.of("Amount", SqlType.decimal(10, 2), Namespace.VALUE),
        SourceColumn.of("H", DdlAnalyzer.HEADERS_TYPE, Namespace.HEADERS),
        new SourceColumn("TRACE", SqlType.BYTES, Namespace.HEADER, Optional.of("trace-id")),
        SourceColumn.of("P", SqlType.struct().field("X", SqlType.DOUBLE)
            .field("Y", SqlType.DOUBLE).build(), Namespace.VALUE)), s.columns());
    assertEquals("`ID` INTEGER KEY, `Amount` DECIMAL(10, 2), `H` ARRAY<STRUCT<`KEY` STRING,"
        + " `VALUE` BYTES>> HEADERS, `TRACE` BYTES HEADER('trace-id'), `P` STRUCT<`X` DOUBLE,"
        + " `Y` DOUBLE>", s.schemaText());
    assertFalse(s.isReadOnly());
    assertFalse(s.isWindowed());
    assertEquals(0, s.partitions());
    assertTrue(s.statement().startsWith("CREATE STREAM orders"));
  }

  @Test
  void schemaViewsSplitKeyValueAndAddPseudoColumns() {
    Source s = analyze("CREATE TABLE t (k STRING PRIMARY KEY, h BYTES HEADER('x'), v BIGINT) "
        + WITH);
    assertEquals(new RowSchema(List.of(new Column("K", SqlType.STRING))), s.keySchema());
    assertEquals(new RowSchema(List.of(new Column("V", SqlType.BIGINT))), s.valueSchema());
    assertEquals(List.of("K", "H", "V", "ROWTIME", "ROWPARTITION", "ROWOFFSET"),
        names(s.rowSchema()));
    assertEquals(SqlType.BIGINT, s.rowSchema().column(3).type()); // ROWTIME is BIGINT in ksqlDB
    assertEquals(SqlType.INTEGER, s.rowSchema().column(4).type());
    assertEquals(3, s.userColumnCount());
    assertEquals(Namespace.PRIMARY_KEY, s.column("K").orElseThrow().namespace());
    assertEquals(1, s.headerColumns().size());
  }

  @Test
  void windowedSourcesAlsoSeeWindowBounds() {
    Source s = analyze("CREATE TABLE t (k STRING PRIMARY KEY, v BIGINT) WITH (kafka_topic='t',"
        + " value_format='JSON', window_type='Tumbling', window_size='30 SECONDS')");
    assertEquals(new WindowInfo(WindowInfo.Type.TUMBLING, Optional.of(Duration.ofSeconds(30))),
        s.window().orElseThrow());
    assertEquals(List.of("K", "V", "ROWTIME", "ROWPARTITION", "ROWOFFSET", "WINDOWSTART",
        "WINDOWEND"), names(s.rowSchema()));
    Source session = analyze("CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='t',"
        + " value_format='JSON', window_type='session')");
    assertEquals(new WindowInfo(WindowInfo.Type.SESSION, Optional.empty()),
        session.window().orElseThrow());
    assertEquals(Duration.ofMillis(500), DdlAnalyzer.windowSize("500 milliseconds", Pos.START));
    assertEquals(Duration.ofDays(2), DdlAnalyzer.windowSize("2 DAY", Pos.START));
  }

  private static List<String> names(RowSchema schema) {
    List<String> names = new ArrayList<>();
    schema.columns().forEach(c -> names.add(c.name()));
    return names;
  }

  @Test
  void formatPropertiesTimestampPartitionsAndReplicasAreKept() {
    Source s = analyze("CREATE SOURCE STREAM s (k STRING KEY, ts STRING, v INT) WITH ("
        + "kafka_topic='t', key_format='delimited', value_format='DELIMITED',"
        + " key_delimiter=';', value_delimiter='TAB', timestamp='ts',"
        + " timestamp_format='yyyy-MM-dd''T''HH:mm:ssX', partitions=4, replicas=1)");
    assertEquals(new FormatSpec(FormatName.DELIMITED, Map.of(FormatSpec.DELIMITER, ";")),
        s.keyFormat());
    assertEquals(new FormatSpec(FormatName.DELIMITED, Map.of(FormatSpec.DELIMITER, "\t")),
        s.valueFormat());
    assertEquals(Optional.of("TS"), s.timestampColumn());
    assertEquals(Optional.of("yyyy-MM-dd'T'HH:mm:ssX"), s.timestampFormat());
    assertEquals(4, s.partitions());
    assertEquals(OptionalInt.of(1), s.replicas());
    assertTrue(s.isReadOnly());
    assertEquals(" ", analyze("CREATE STREAM s (v INT, w INT) WITH (kafka_topic='t',"
        + " value_format='DELIMITED', value_delimiter='space')").valueFormat()
        .property(FormatSpec.DELIMITER).orElseThrow());
  }

  @Test
  void formatSetsBothKeyAndValueFormats() {
    Source s = analyze("CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='t', format='json')");
    assertEquals(FormatName.JSON, s.keyFormat().format());
    assertEquals(FormatName.JSON, s.valueFormat().format());
  }

  @Test
  void sessionPropertiesGiveDefaultFormats() {
    Source s = analyze("CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='t')",
        Map.of(DdlAnalyzer.DEFAULT_VALUE_FORMAT, "JSON", DdlAnalyzer.DEFAULT_KEY_FORMAT, "JSON"));
    assertEquals(FormatName.JSON, s.keyFormat().format());
    assertEquals(FormatName.JSON, s.valueFormat().format());
  }

  @Test
  void wrapSingleValueIsKeptForSingleColumnValues() {
    assertEquals(Optional.of(false), analyze("CREATE STREAM s (k STRING KEY, v INT) WITH ("
        + "kafka_topic='t', value_format='KAFKA', wrap_single_value=false)").wrapSingleValue());
    assertEquals(Optional.of(true), analyze("CREATE STREAM s (v ARRAY<INT>) WITH ("
        + "kafka_topic='t', value_format='JSON', wrap_single_value='true')").wrapSingleValue());
  }

  @Test
  void streamsMayBeKeylessOrKeyOnly() {
    assertTrue(analyze("CREATE STREAM s (v INT) " + WITH).keyColumns().isEmpty());
    assertTrue(analyze("CREATE STREAM s (v INT) WITH (kafka_topic='t', key_format='NONE',"
        + " value_format='JSON')").keyColumns().isEmpty());
    assertTrue(analyze("CREATE STREAM s (id STRING KEY) " + WITH).valueColumns().isEmpty());
    assertEquals(2, analyze("CREATE STREAM s (a INT KEY, b STRING KEY, v INT) WITH ("
        + "kafka_topic='t', format='JSON')").keyColumns().size());
  }

  @Test
  void quotedLowerCaseReservedNamesAreOrdinaryColumns() {
    assertEquals("rowtime", analyze("CREATE STREAM s (`rowtime` BIGINT) " + WITH)
        .columns().get(0).name());
  }

  // -----------------------------------------------------------------------------------------
  // WITH properties

  @Test
  void kafkaTopicIsRequired() {
    CatalogException e = rejects("CREATE STREAM s (v INT) WITH (value_format='JSON')",
        "Missing required property \"KAFKA_TOPIC\"");
    assertEquals("1:1", e.pos().orElseThrow().toString());
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='', value_format='JSON')",
        "KAFKA_TOPIC may not be empty");
  }

  @Test
  void valueFormatIsRequiredUnlessFormatOrADefaultGivesIt() {
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t')",
        "missing the 'VALUE_FORMAT' property");
  }

  @Test
  void formatExcludesKeyFormatAndValueFormat() {
    CatalogException e = rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', "
        + "key_format='KAFKA', format='KAFKA')", "Cannot supply both 'KEY_FORMAT' and 'FORMAT'");
    assertEquals("1:59", e.pos().orElseThrow().toString());
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON', format='KAFKA')",
        "Cannot supply both 'VALUE_FORMAT' and 'FORMAT'");
  }

  @Test
  void unknownFormatsAndPropertiesAreRejected() {
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON', key_format='FOO')",
        "Unknown format: FOO");
    CatalogException e = rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t',"
        + " value_format='JSON', colour='red', partitionz=2)",
        "Invalid config variable(s) in the WITH clause: COLOUR, PARTITIONZ");
    assertTrue(e.getMessage().contains("KAFKA_TOPIC"), "lists the valid ones");
  }

  @Test
  void partitionsAndReplicasMustBeValidNumbers() {
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON', partitions=0)",
        "PARTITIONS must be between 1 and");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON', partitions='x')",
        "PARTITIONS must be an integer");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON', replicas=0)",
        "REPLICAS must be at least 1");
    assertEquals(3, analyze("CREATE STREAM s (v INT) WITH (kafka_topic='t',"
        + " value_format='JSON', partitions='3')").partitions());
  }

  @Test
  void schemaIdsNeedAnInferringFormatAndNoDeclaredColumns() {
    rejects("CREATE STREAM s WITH (kafka_topic='t', key_format='kafka', value_format='protobuf',"
        + " key_schema_id=1)", "KEY_FORMAT should support schema inference when KEY_SCHEMA_ID"
        + " is provided. Current format is KAFKA");
    rejects("CREATE STREAM s (`c3` INT KEY) WITH (kafka_topic='t', format='avro',"
        + " key_schema_id=1)", "Table elements and KEY_SCHEMA_ID cannot both exist");
    rejects("CREATE STREAM s (c1 INT) WITH (kafka_topic='t', format='avro', value_schema_id=1)",
        "Table elements and VALUE_SCHEMA_ID cannot both exist");
  }

  @Test
  void formatPropertiesMustFitTheFormat() {
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " value_delimiter='|')", "JSON does not support the following configs: [delimiter]");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " value_avro_schema_full_name='com.x')", "JSON does not support the following configs");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='DELIMITED',"
        + " value_delimiter='<~>')", "Invalid delimiter value: '<~>'");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='DELIMITED',"
        + " value_delimiter=' ')", "Delimiter cannot be empty");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='PROTOBUF',"
        + " value_protobuf_nullable_representation='maybe')", "must be OPTIONAL or WRAPPER");
  }

  // -----------------------------------------------------------------------------------------
  // Columns

  @Test
  void tablesNeedAPrimaryKey() {
    CatalogException e = rejects("CREATE TABLE t (v INT) " + WITH, "Tables require a PRIMARY KEY");
    assertEquals("1:14", e.pos().orElseThrow().toString());
    rejects("CREATE TABLE t WITH (kafka_topic='t', value_format='Avro')",
        "Tables require a PRIMARY KEY");
  }

  @Test
  void keyConstraintsMustFitTheKind() {
    // The parser refuses these already; an AST made in code must be refused too.
    rejects(SourceKind.STREAM, ColumnDef.Kind.PRIMARY_KEY,
        "Column `ID` is a 'PRIMARY KEY' column: please use 'KEY' for streams.");
    rejects(SourceKind.TABLE, ColumnDef.Kind.KEY,
        "Column `ID` is a 'KEY' column: please use 'PRIMARY KEY' for tables.");
  }

  private void rejects(SourceKind kind, ColumnDef.Kind constraint, String fragment) {
    CreateSource statement = new CreateSource(Pos.START, kind, Identifier.of("S"), false, false,
        false, List.of(new ColumnDef(new Pos(1, 20), Identifier.of("ID"),
            new PrimitiveType(new Pos(1, 23), PrimitiveType.Kind.INT), constraint,
            Optional.empty())),
        ((CreateSource) SqlParser.parseStatement("CREATE STREAM x (v INT) " + WITH)).properties());
    CatalogException e = assertThrows(CatalogException.class,
        () -> analyzer.analyze(statement, "...", Map.of()));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertEquals("1:20", e.pos().orElseThrow().toString());
  }

  @Test
  void duplicateColumnsAreRejected() {
    CreateSource parsed = (CreateSource) SqlParser.parseStatement("CREATE STREAM x (a INT, b INT) "
        + WITH);
    List<ColumnDef> columns = List.of(parsed.columns().get(0), new ColumnDef(new Pos(1, 25),
        Identifier.of("A"), new PrimitiveType(new Pos(1, 27), PrimitiveType.Kind.STRING),
        ColumnDef.Kind.VALUE, Optional.empty()));
    CreateSource statement = new CreateSource(parsed.pos(), parsed.kind(), parsed.name(), false,
        false, false, columns, parsed.properties());
    CatalogException e = assertThrows(CatalogException.class,
        () -> analyzer.analyze(statement, "...", Map.of()));
    assertTrue(e.getMessage().contains("Duplicate column name `A`"), e.getMessage());
    assertEquals("1:25", e.pos().orElseThrow().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ROWTIME", "ROWPARTITION", "ROWOFFSET", "WINDOWSTART", "windowend"})
  void pseudoColumnNamesAreReserved(String name) {
    CatalogException e = rejects("CREATE STREAM s (id INT KEY, " + name + " BIGINT) " + WITH,
        "is a reserved column name. You cannot use it as a name for a column");
    assertEquals("1:30", e.pos().orElseThrow().toString());
  }

  @Test
  void columnsAreRequiredWhenNoFormatCanInferThem() {
    rejects("CREATE STREAM s WITH (kafka_topic='t', value_format='KAFKA')", "No columns supplied.");
    rejects("CREATE STREAM s (h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS) " + WITH,
        "No columns supplied.");
  }

  @Test
  void schemaInferenceIsRefusedForWantOfASchemaRegistry() {
    rejects("CREATE STREAM s WITH (kafka_topic='t', value_format='AVRO')",
        "would infer the value columns from a Schema Registry");
    rejects("CREATE STREAM s (id INT KEY) WITH (kafka_topic='t', value_format='PROTOBUF',"
        + " value_schema_id=1)", "would infer the value columns from a Schema Registry");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', format='JSON_SR')",
        "would infer the key columns from a Schema Registry");
    rejects("CREATE TABLE t (v INT) WITH (kafka_topic='t', key_format='AVRO',"
        + " value_format='JSON')", "would infer the key columns");
    // Declared columns need no registry: the DDL is accepted.
    analyze("CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='t', format='AVRO')");
  }

  @Test
  void headerColumnsHaveFixedTypes() {
    CatalogException e = rejects("CREATE STREAM s (k STRING KEY, h1 BYTES HEADERS, v BIGINT) "
        + WITH, "Invalid type for HEADERS column: expected ARRAY<STRUCT<`KEY` STRING, `VALUE`"
        + " BYTES>>, got BYTES");
    assertEquals("1:35", e.pos().orElseThrow().toString());
    rejects("CREATE STREAM s (k STRING KEY, h1 INT HEADER('key'), v BIGINT) " + WITH,
        "Invalid type for HEADER('key') column: expected BYTES, got INTEGER");
    rejects("CREATE STREAM s (a ARRAY<STRUCT<key STRING, value BYTES>> HEADERS,"
        + " b ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, v INT) " + WITH,
        "already contains a HEADERS column");
  }

  // -----------------------------------------------------------------------------------------
  // Columns against formats

  @Test
  void kafkaFormatHoldsOneScalarColumn() {
    rejects("CREATE STREAM s (k STRING KEY, v0 INT, v1 STRING) WITH (kafka_topic='t',"
        + " value_format='KafkA')", "The 'KAFKA' format only supports a single field. Got:"
        + " [`V0` INTEGER, `V1` STRING]");
    rejects("CREATE STREAM s (a INT KEY, b INT KEY, v INT) " + WITH,
        "The 'KAFKA' format only supports a single field");
    rejects("CREATE STREAM s (v ARRAY<INT>) WITH (kafka_topic='t', value_format='KAFKA')",
        "The 'KAFKA' format does not support type 'ARRAY'");
    rejects("CREATE TABLE t (k DECIMAL(21,19) PRIMARY KEY, id BIGINT) " + WITH,
        "The 'KAFKA' format does not support type 'DECIMAL'");
    rejects("CREATE STREAM s (k BOOLEAN KEY, v INT) " + WITH,
        "The 'KAFKA' format does not support type 'BOOLEAN'");
    for (String type : List.of("INT", "BIGINT", "DOUBLE", "STRING", "BYTES")) {
      analyze("CREATE STREAM s (k " + type + " KEY, v " + type + ") WITH (kafka_topic='t',"
          + " value_format='KAFKA')");
    }
  }

  @Test
  void delimitedHoldsScalarsOnly() {
    rejects("CREATE STREAM s (v STRUCT<f INT>) WITH (kafka_topic='t', value_format='DELIMITED')",
        "The 'DELIMITED' format does not support type 'STRUCT'");
    rejects("CREATE STREAM s (k ARRAY<INT> KEY, v INT) WITH (kafka_topic='t', format='DELIMITED')",
        "The 'DELIMITED' format does not support type 'ARRAY'");
    analyze("CREATE STREAM s (k DECIMAL(4, 2) KEY, d DATE, t TIME, ts TIMESTAMP, b BYTES)"
        + " WITH (kafka_topic='t', format='DELIMITED')");
  }

  @Test
  void noneFormatHoldsNoColumns() {
    rejects("CREATE TABLE t (k STRING PRIMARY KEY, v INT) WITH (kafka_topic='t',"
        + " key_format='NONE', value_format='JSON')", "The 'NONE' format can only be used when"
        + " no columns are defined. Got: [`K` STRING PRIMARY KEY]");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='NONE')",
        "The 'NONE' format can only be used when no columns are defined. Got: [`V` INTEGER]");
  }

  @Test
  void mapsMayNotBeInKeysAndNeedStringKeysInJson() {
    CatalogException e = rejects("CREATE STREAM s (k ARRAY<MAP<INT, DOUBLE>> KEY, v INT) WITH ("
        + "kafka_topic='t', format='JSON')", "Map keys, including types that contain maps, are"
        + " not supported");
    assertTrue(e.getMessage().contains("Column type: ARRAY<MAP<INTEGER, DOUBLE>>"));
    rejects("CREATE STREAM s (v STRUCT<m MAP<INT, DOUBLE>>) " + WITH,
        "JSON only supports MAP types with STRING keys");
    rejects("CREATE STREAM s (v MAP<INT, DOUBLE>) WITH (kafka_topic='t', value_format='AVRO')",
        "Avro only supports MAP types with STRING keys");
    analyze("CREATE STREAM s (v MAP<STRING, ARRAY<MAP<STRING, INT>>>) " + WITH);
  }

  @Test
  void avroNamesMustBeAvroIdentifiers() {
    rejects("CREATE STREAM s (`1Bad` DOUBLE) WITH (kafka_topic='t', value_format='AVRO')",
        "Schema is not compatible with Avro: Illegal initial character: 1Bad");
    rejects("CREATE STREAM s (v STRUCT<`a-b` INT>) WITH (kafka_topic='t', value_format='AVRO')",
        "Illegal character in: a-b");
    analyze("CREATE STREAM s (`1Fine` DOUBLE) " + WITH);
  }

  @Test
  void wrapSingleValueRules() {
    rejects("CREATE STREAM s (k STRING KEY, v INT) WITH (wrap_single_value=true,"
        + " kafka_topic='t', value_format='KAFKA')",
        "Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'");
    rejects("CREATE STREAM s (k STRING KEY, a STRING, b STRING) WITH (wrap_single_value=false,"
        + " kafka_topic='t', value_format='JSON')",
        "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " wrap_single_value=3)", "WRAP_SINGLE_VALUE must be true or false");
  }

  // -----------------------------------------------------------------------------------------
  // Timestamps and windows

  @Test
  void timestampColumnMustExistAndHaveATimeType() {
    assertEquals(Optional.of("TS"), analyze("CREATE STREAM s (ts TIMESTAMP) WITH ("
        + "kafka_topic='t', value_format='JSON', timestamp='ts')").timestampColumn());
    assertEquals(Optional.of("K"), analyze("CREATE STREAM s (k BIGINT KEY, v INT) WITH ("
        + "kafka_topic='t', value_format='JSON', timestamp='K')").timestampColumn());
    assertEquals(Optional.of("ts"), analyze("CREATE STREAM s (`ts` BIGINT) WITH ("
        + "kafka_topic='t', value_format='JSON', timestamp='`ts`')").timestampColumn());
    CatalogException e = rejects("CREATE STREAM s (ts BIGINT) WITH (kafka_topic='t',"
        + " value_format='JSON', timestamp='invalid_ts')", "The TIMESTAMP column set in the WITH"
        + " clause does not exist in the schema: 'INVALID_TS'");
    assertEquals("1:83", e.pos().orElseThrow().toString());
    rejects("CREATE STREAM s (ts STRING) WITH (kafka_topic='t', value_format='JSON',"
        + " timestamp='ts')", "should be BIGINT or TIMESTAMP, or a STRING with a TIMESTAMP_FORMAT");
    rejects("CREATE STREAM s (ts BIGINT) WITH (kafka_topic='t', value_format='JSON',"
        + " timestamp='ts', timestamp_format='yyyy')", "with TIMESTAMP_FORMAT must be a STRING");
    rejects("CREATE STREAM s (ts STRING) WITH (kafka_topic='t', value_format='JSON',"
        + " timestamp='ts', timestamp_format='yyyy-MM-dd{{')", "Invalid TIMESTAMP_FORMAT");
    rejects("CREATE STREAM s (ts STRING) WITH (kafka_topic='t', value_format='JSON',"
        + " timestamp_format='yyyy')", "TIMESTAMP_FORMAT needs TIMESTAMP");
  }

  @Test
  void windowPropertiesMustBeConsistent() {
    rejects("CREATE STREAM s (f0 INT) WITH (kafka_topic='t', value_format='JSON',"
        + " window_type='SESSION')", "Windowed sources require a key column");
    rejects("CREATE TABLE t (k STRING PRIMARY KEY, v BIGINT) WITH (kafka_topic='t',"
        + " value_format='DELIMITED', window_type='Session', window_size='30 seconds')",
        "'WINDOW_SIZE' should not be set for SESSION windows");
    rejects("CREATE STREAM s (k INT KEY, v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " window_type='HOPPING')", "should set 'WINDOW_SIZE'");
    rejects("CREATE STREAM s (k INT KEY, v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " window_type='SLIDING', window_size='1 second')", "WINDOW_TYPE must be SESSION,"
        + " TUMBLING or HOPPING");
    rejects("CREATE STREAM s (k INT KEY, v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " window_type='TUMBLING', window_size='soon')", "Invalid WINDOW_SIZE 'soon'");
    rejects("CREATE STREAM s (k INT KEY, v INT) WITH (kafka_topic='t', value_format='JSON',"
        + " window_size='1 second')", "WINDOW_SIZE needs WINDOW_TYPE");
  }

  // -----------------------------------------------------------------------------------------
  // CREATE TYPE

  @Test
  void customTypesAreResolvedAndMayNotShadowBuiltIns() {
    assertEquals(SqlType.array(SqlType.STRING), analyzer.analyze(
        (CreateType) SqlParser.parseStatement("CREATE TYPE tags AS ARRAY<STRING>")));
    CreateType shadow = new CreateType(Pos.START, Identifier.of("INTEGER"), false,
        new PrimitiveType(Pos.START, PrimitiveType.Kind.BIGINT));
    CatalogException e = assertThrows(CatalogException.class, () -> analyzer.analyze(shadow));
    assertTrue(e.getMessage().contains("INTEGER is a built-in type"), e.getMessage());
  }
}
