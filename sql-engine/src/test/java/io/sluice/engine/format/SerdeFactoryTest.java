package io.sluice.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Build-time checks, with ksqlDB's messages (the cases named in comments state them). */
class SerdeFactoryTest {

  private static final FormatOptions DEFAULTS = FormatOptions.DEFAULTS;

  private static String refusal(Format format, FormatOptions options, SerdeRole role,
      Column... columns) {
    return assertThrows(FormatException.class,
        () -> SerdeFactory.create(format, options, List.of(columns), role)).getMessage();
  }

  private static Column col(String name, SqlType type) {
    return new Column(name, type);
  }

  @Test
  void kafkaHoldsOneColumnOfFiveTypes() {
    // elements.json "validate multiple value elements in C* FAILS - KAFKA"
    assertEquals("The 'KAFKA' format only supports a single field. Got: [`V0` INTEGER,"
        + " `V1` STRING]", refusal(Format.KAFKA, DEFAULTS, SerdeRole.VALUE,
            col("V0", SqlType.INTEGER), col("V1", SqlType.STRING)));
    // partition-by.json "multiple columns - KAFKA key format"
    assertEquals("The 'KAFKA' format only supports a single field. Got: [`ID` INTEGER KEY,"
        + " `AGE` INTEGER KEY]", refusal(Format.KAFKA, DEFAULTS, SerdeRole.KEY,
            col("ID", SqlType.INTEGER), col("AGE", SqlType.INTEGER)));
    // formats.json "override key format - with unsupported type"
    assertEquals("The 'KAFKA' format does not support type 'BOOLEAN', column: `K`",
        refusal(Format.KAFKA, DEFAULTS, SerdeRole.KEY, col("K", SqlType.BOOLEAN)));
    // key-schemas.json "create table explicit unsupported KEY type"
    assertEquals("The 'KAFKA' format does not support type 'DECIMAL', column: `K`",
        refusal(Format.KAFKA, DEFAULTS, SerdeRole.KEY, col("K", SqlType.decimal(21, 19))));
    for (SqlType t : List.of(SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP,
        SqlType.array(SqlType.INTEGER), SqlType.struct().field("F1", SqlType.DOUBLE).build())) {
      refusal(Format.KAFKA, DEFAULTS, SerdeRole.VALUE, col("V", t));
    }
    for (SqlType t : List.of(SqlType.INTEGER, SqlType.BIGINT, SqlType.DOUBLE, SqlType.STRING,
        SqlType.BYTES)) {
      SerdeFactory.create(Format.KAFKA, DEFAULTS, List.of(col("V", t)), SerdeRole.VALUE);
    }
    // No columns: the key of a keyless stream.
    SerdeFactory.create(Format.KAFKA, DEFAULTS, List.of(), SerdeRole.KEY);
  }

  @Test
  void delimitedHoldsScalarsOnly() {
    // delimited.json "ARRAY - C* - value", "MAP - C* - value", "STRUCT - C* - key"
    assertEquals("The 'DELIMITED' format does not support type 'ARRAY', column: `FOO`",
        refusal(Format.DELIMITED, DEFAULTS, SerdeRole.VALUE,
            col("FOO", SqlType.array(SqlType.INTEGER))));
    assertEquals("The 'DELIMITED' format does not support type 'MAP', column: `FOO`",
        refusal(Format.DELIMITED, DEFAULTS, SerdeRole.VALUE,
            col("FOO", SqlType.map(SqlType.INTEGER, SqlType.DOUBLE))));
    assertEquals("The 'DELIMITED' format does not support type 'STRUCT', column: `K`",
        refusal(Format.DELIMITED, DEFAULTS, SerdeRole.KEY,
            col("K", SqlType.struct().field("F1", SqlType.DOUBLE).build())));
  }

  @Test
  void noneHoldsNoColumns() {
    // none.json "as key format of table", "as value format with value columns"
    assertEquals("The 'NONE' format can only be used when no columns are defined. Got:"
        + " [`K` STRING KEY]", refusal(Format.NONE, DEFAULTS, SerdeRole.KEY,
            col("K", SqlType.STRING)));
    assertEquals("The 'NONE' format can only be used when no columns are defined. Got:"
        + " [`FOO` INTEGER]", refusal(Format.NONE, DEFAULTS, SerdeRole.VALUE,
            col("FOO", SqlType.INTEGER)));
  }

  @Test
  void jsonMapsNeedStringKeys() {
    // json.json "map with non-string keys - C*"
    assertEquals("JSON only supports MAP types with STRING keys. Got: `FOO` MAP<INTEGER, DOUBLE>",
        refusal(Format.JSON, DEFAULTS, SerdeRole.VALUE,
            col("FOO", SqlType.map(SqlType.INTEGER, SqlType.DOUBLE))));
    refusal(Format.JSON, DEFAULTS, SerdeRole.VALUE, col("FOO",
        SqlType.array(SqlType.map(SqlType.STRING, SqlType.map(SqlType.BIGINT, SqlType.STRING)))));
  }

  @Test
  void keysHoldNoMapsInAnyFormat() {
    // json.json "nested MAP type - key - C*"; the same in KAFKA and DELIMITED (not their message)
    String expected = "Map keys, including types that contain maps, are not supported as they may"
        + " lead to unexpected behavior due to inconsistent serialization. Key column name: `K`."
        + " Column type: ARRAY<MAP<INTEGER, DOUBLE>>. See"
        + " https://github.com/confluentinc/ksql/issues/6621 for more.";
    Column k = col("K", SqlType.array(SqlType.map(SqlType.INTEGER, SqlType.DOUBLE)));
    for (Format f : List.of(Format.JSON, Format.KAFKA, Format.DELIMITED)) {
      assertEquals(expected, refusal(f, DEFAULTS, SerdeRole.KEY, k));
    }
    // json.json "nested MAP type - key - C*AS": struct field names are quoted
    assertEquals("Map keys, including types that contain maps, are not supported as they may"
        + " lead to unexpected behavior due to inconsistent serialization. Key column name:"
        + " `KSQL_COL_0`. Column type: STRUCT<`F` MAP<STRING, STRING>>. See"
        + " https://github.com/confluentinc/ksql/issues/6621 for more.",
        refusal(Format.JSON, DEFAULTS, SerdeRole.KEY, col("KSQL_COL_0", SqlType.struct()
            .field("F", SqlType.map(SqlType.STRING, SqlType.STRING)).build())));
  }

  @Test
  void wrapSingleValueRules() {
    FormatOptions wrap = DEFAULTS.withWrapSingleValue(true);
    FormatOptions unwrap = DEFAULTS.withWrapSingleValue(false);
    // kafka.json "Wrapped single values"
    assertEquals("Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'.",
        refusal(Format.KAFKA, wrap, SerdeRole.VALUE, col("FOO", SqlType.INTEGER)));
    refusal(Format.DELIMITED, wrap, SerdeRole.VALUE, col("FOO", SqlType.INTEGER));
    // serdes.json "C* should throw for multi-field schema if WRAP_SINGLE_VALUE=true|false"
    for (FormatOptions o : List.of(wrap, unwrap)) {
      assertEquals("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas. Got:"
          + " [`F0` STRING, `F1` STRING]", refusal(Format.JSON, o, SerdeRole.VALUE,
              col("F0", SqlType.STRING), col("F1", SqlType.STRING)));
    }
    // kafka.json "Unwrapped single values", delimited.json "... WRAP_SINGLE_VALUE false"
    SerdeFactory.create(Format.KAFKA, unwrap, List.of(col("FOO", SqlType.INTEGER)),
        SerdeRole.VALUE);
    SerdeFactory.create(Format.DELIMITED, unwrap, List.of(col("FOO", SqlType.INTEGER)),
        SerdeRole.VALUE);
    // Keys have no such option: a caller's mistake.
    assertThrows(IllegalArgumentException.class, () -> SerdeFactory.create(Format.JSON, unwrap,
        List.of(col("K", SqlType.INTEGER)), SerdeRole.KEY));
  }

  @Test
  void delimiterIsForDelimitedOnly() {
    // delimited.json "validate cannot specify delimiter with json format"
    assertEquals("JSON does not support the following configs: [delimiter]",
        refusal(Format.JSON, DEFAULTS.withDelimiter('|'), SerdeRole.VALUE,
            col("V", SqlType.INTEGER)));
  }

  @Test
  void unimplementedFormatsAreRefusedFirst() {
    refusal(Format.AVRO, DEFAULTS, SerdeRole.VALUE, col("V", SqlType.INTEGER));
    refusal(Format.PROTOBUF_NOSR, DEFAULTS, SerdeRole.VALUE, col("V", SqlType.INTEGER));
  }

  @Test
  void validateAgreesWithCreate() {
    List<Column> cols = List.of(col("A", SqlType.INTEGER), col("B", SqlType.STRING));
    SerdeFactory.validate(Format.JSON, DEFAULTS, cols, SerdeRole.VALUE);
    assertThrows(FormatException.class,
        () -> SerdeFactory.validate(Format.KAFKA, DEFAULTS, cols, SerdeRole.VALUE));
    Serde s = SerdeFactory.create(Format.DELIMITED, DEFAULTS, cols, SerdeRole.KEY);
    assertEquals(Format.DELIMITED, s.format());
    assertEquals(SerdeRole.KEY, s.role());
    assertEquals(cols, s.columns());
    assertEquals("DELIMITED key [`A` INTEGER KEY, `B` STRING KEY]", s.toString());
  }
}
