package io.sluice.engine.catalog;

import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.ColumnDef;
import io.sluice.grammar.ast.CreateSource;
import io.sluice.grammar.ast.CreateType;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.SourceKind;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates {@code CREATE [SOURCE] STREAM|TABLE ... (columns) WITH (...)} and {@code CREATE TYPE}
 * against ksqlDB's rules and makes the {@link Source} or type they declare. It checks the
 * statement alone; what depends on the catalog's state (names taken, topics) is the
 * {@link Catalog}'s to check.
 *
 * <p>Immutable and thread-safe if the custom-type lookup is.
 */
public final class DdlAnalyzer {

  /** Session property: the key format when a statement gives none (default KAFKA). */
  public static final String DEFAULT_KEY_FORMAT = "ksql.persistence.default.format.key";
  /** Session property: the value format when a statement gives none (default: none, required). */
  public static final String DEFAULT_VALUE_FORMAT = "ksql.persistence.default.format.value";

  /** The type a HEADERS column must have. */
  public static final SqlType HEADERS_TYPE = SqlType.array(
      SqlType.struct().field("KEY", SqlType.STRING).field("VALUE", SqlType.BYTES).build());

  private final Function<String, Optional<SqlType>> customTypes;

  /**
   * @param customTypes the custom types by canonical name, e.g. {@link Catalog#type(String)}
   */
  public DdlAnalyzer(Function<String, Optional<SqlType>> customTypes) {
    this.customTypes = Objects.requireNonNull(customTypes, "customTypes");
  }

  /**
   * The source a {@code CREATE STREAM|TABLE} (without AS SELECT) declares.
   *
   * @param statement the statement, not null
   * @param text the statement's text, kept as {@link Source#statement()}, not null
   * @param sessionProperties session properties; {@link #DEFAULT_KEY_FORMAT} and
   *     {@link #DEFAULT_VALUE_FORMAT} are read, others ignored; not null
   * @return the source, with {@link Source#partitions()} the {@code PARTITIONS} given or 0
   * @throws CatalogException at the first rule the statement breaks
   */
  public Source analyze(CreateSource statement, String text,
      Map<String, String> sessionProperties) {
    WithClause with = new WithClause(statement.properties(), statement.pos());
    with.rejectUnknown(WithClause.CREATE_SOURCE);
    String kind = statement.kind().name().toLowerCase(Locale.ROOT);
    String topic = with.nonEmptyString(WithClause.KAFKA_TOPIC).orElseThrow(() ->
        new CatalogException(statement.pos(), "Missing required property \"KAFKA_TOPIC\" in the"
            + " WITH clause: name the Kafka topic the " + kind + " reads, e.g."
            + " WITH (KAFKA_TOPIC='" + statement.name().value().toLowerCase(Locale.ROOT)
            + "', VALUE_FORMAT='JSON')"));
    FormatName keyFormat = keyFormat(with, sessionProperties);
    FormatName valueFormat = valueFormat(with, sessionProperties, kind);
    // ksqlDB checks the format properties with the formats, before the columns.
    Map<String, String> keyProperties = formatProperties(with, "KEY", keyFormat);
    Map<String, String> valueProperties = formatProperties(with, "VALUE", valueFormat);

    Map<String, Pos> positions = new HashMap<>();
    List<SourceColumn> columns = columns(statement, positions);
    List<SourceColumn> keys = columns.stream().filter(c -> c.namespace().isKey()).toList();
    List<SourceColumn> values =
        columns.stream().filter(c -> c.namespace() == Namespace.VALUE).toList();

    if (statement.kind() == SourceKind.TABLE && keys.isEmpty() && !keyFormat.usesSchemaRegistry()) {
      throw new CatalogException(statement.name().pos(), "Tables require a PRIMARY KEY. Please"
          + " define the PRIMARY KEY: declare the key column as e.g. `ID INT PRIMARY KEY`");
    }
    schemaIds(with, keys, values, keyFormat, valueFormat);
    if (keys.isEmpty() && values.isEmpty() && !keyFormat.usesSchemaRegistry()
        && !valueFormat.usesSchemaRegistry()) {
      throw new CatalogException(statement.name().pos(), "No columns supplied. Declare the "
          + kind + "'s columns, e.g. CREATE " + statement.kind() + " " + statement.name().value()
          + " (" + keyExample(statement.kind()) + ", NAME STRING) WITH (...)");
    }
    // A Schema Registry format infers the columns a statement leaves out from the registry's
    // schema. Sluice has no Schema Registry, so there is nothing to infer them from: ksqlDB
    // without the schema refuses the statement too.
    if (values.isEmpty() && valueFormat.usesSchemaRegistry()) {
      throw new CatalogException(statement.name().pos(), "The " + valueFormat + " value format"
          + " would infer the value columns from a Schema Registry (schema inference), which"
          + " Sluice does not have: declare the value columns in the statement");
    }
    if (keys.isEmpty() && keyFormat.usesSchemaRegistry()) {
      throw new CatalogException(statement.name().pos(), "The " + keyFormat + " key format"
          + " would infer the key columns from a Schema Registry (schema inference), which"
          + " Sluice does not have: declare the key columns, e.g. `" + keyExample(statement.kind())
          + "`" + (statement.kind() == SourceKind.STREAM
              ? ", or use KEY_FORMAT='NONE' for a stream without a key" : ""));
    }
    Optional<WindowInfo> window = window(with, keys, statement);
    FormatChecks.keyColumns(keys, keyFormat, positions);
    FormatChecks.valueColumns(values, valueFormat, positions);
    Optional<Boolean> wrap = with.bool(WithClause.WRAP_SINGLE_VALUE);
    FormatChecks.wrapSingleValue(wrap, valueFormat, values.size(),
        with.pos(WithClause.WRAP_SINGLE_VALUE));
    String wrapDefault = sessionProperties.get(SinkAnalyzer.WRAP_SINGLE_VALUES);
    if (wrap.isEmpty() && wrapDefault != null && values.size() == 1
        && valueFormat != FormatName.KAFKA && valueFormat != FormatName.DELIMITED) {
      wrap = Optional.of(Boolean.parseBoolean(wrapDefault.trim()));
    }

    Optional<String> timestamp = with.nonEmptyString(WithClause.TIMESTAMP).map(DdlAnalyzer::columnName);
    Optional<String> timestampFormat = with.nonEmptyString(WithClause.TIMESTAMP_FORMAT);
    timestamp(with, timestamp, timestampFormat, columns);

    Optional<Integer> partitions = with.intInRange(WithClause.PARTITIONS, 1, Integer.MAX_VALUE);
    Optional<Integer> replicas = with.intInRange(WithClause.REPLICAS, -1, Short.MAX_VALUE);
    if (replicas.isPresent() && replicas.get() == 0) {
      throw new CatalogException(with.pos(WithClause.REPLICAS), "REPLICAS must be at least 1"
          + " (or -1 for the cluster's default), not 0");
    }
    with.integer(WithClause.RETENTION_MS).filter(ms -> ms < -1 || ms == 0).ifPresent(ms -> {
      throw new CatalogException(with.pos(WithClause.RETENTION_MS),
          "RETENTION_MS must be positive (or -1 to keep records forever), not " + ms);
    });

    return Source.builder()
        .name(statement.name().value())
        .kind(statement.kind())
        .columns(columns)
        .topic(topic)
        .keyFormat(new FormatSpec(keyFormat, keyProperties))
        .valueFormat(new FormatSpec(valueFormat, valueProperties))
        .wrapSingleValue(wrap)
        .timestampColumn(timestamp)
        .timestampFormat(timestampFormat)
        .window(window)
        .partitions(partitions.orElse(0))
        .replicas(replicas.map(OptionalInt::of).orElse(OptionalInt.empty()))
        .readOnly(statement.readOnly())
        .statement(text)
        .build();
  }

  /**
   * The type a {@code CREATE TYPE} defines (its name is {@code statement.name().value()}).
   *
   * @throws CatalogException for a built-in type's name or an invalid type
   */
  public SqlType analyze(CreateType statement) {
    String name = statement.name().value();
    if (AstTypes.BUILT_IN_NAMES.contains(name.toUpperCase(Locale.ROOT))) {
      throw new CatalogException(statement.name().pos(), "Cannot register custom type '" + name
          + "': " + name + " is a built-in type. Choose another name");
    }
    return AstTypes.toSqlType(statement.type(), customTypes);
  }

  private static String keyExample(SourceKind kind) {
    return kind == SourceKind.TABLE ? "ID INT PRIMARY KEY" : "ID INT KEY";
  }

  /**
   * A column name in a WITH property ({@code TIMESTAMP}): upper-cased like an unquoted
   * identifier, unless written in back quotes.
   */
  static String columnName(String text) {
    String t = text.trim();
    if (t.length() >= 2 && t.startsWith("`") && t.endsWith("`")) {
      return t.substring(1, t.length() - 1).replace("``", "`");
    }
    return t.toUpperCase(Locale.ROOT);
  }

  static FormatName keyFormat(WithClause with, Map<String, String> session) {
    if (with.has(WithClause.FORMAT) && with.has(WithClause.KEY_FORMAT)) {
      throw new CatalogException(with.pos(WithClause.KEY_FORMAT), "Cannot supply both"
          + " 'KEY_FORMAT' and 'FORMAT' properties, as 'FORMAT' sets both key and value formats."
          + " Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.");
    }
    String prop = with.has(WithClause.KEY_FORMAT) ? WithClause.KEY_FORMAT : WithClause.FORMAT;
    Optional<String> name = with.nonEmptyString(prop);
    if (name.isPresent()) {
      return FormatName.of(name.get(), with.pos(prop));
    }
    String fallback = session.get(DEFAULT_KEY_FORMAT);
    return fallback == null ? FormatName.KAFKA : FormatName.of(fallback, null);
  }

  static FormatName valueFormat(WithClause with, Map<String, String> session, String kind) {
    if (with.has(WithClause.FORMAT) && with.has(WithClause.VALUE_FORMAT)) {
      throw new CatalogException(with.pos(WithClause.VALUE_FORMAT), "Cannot supply both"
          + " 'VALUE_FORMAT' and 'FORMAT' properties, as 'FORMAT' sets both key and value formats."
          + " Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.");
    }
    String prop = with.has(WithClause.VALUE_FORMAT) ? WithClause.VALUE_FORMAT : WithClause.FORMAT;
    Optional<String> name = with.nonEmptyString(prop);
    if (name.isPresent()) {
      return FormatName.of(name.get(), with.pos(prop));
    }
    String fallback = session.get(DEFAULT_VALUE_FORMAT);
    if (fallback == null) {
      throw new CatalogException(with.pos(WithClause.KAFKA_TOPIC), "Statement is missing the"
          + " 'VALUE_FORMAT' property from the WITH clause: say how the " + kind + "'s values"
          + " are serialized, e.g. VALUE_FORMAT='JSON' (or FORMAT='JSON' for keys and values),"
          + " or set a default with the '" + DEFAULT_VALUE_FORMAT + "' property");
    }
    return FormatName.of(fallback, null);
  }

  /** The declared columns, checked: types resolved, names not reserved nor repeated. */
  private List<SourceColumn> columns(CreateSource statement, Map<String, Pos> positions) {
    List<SourceColumn> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean headers = false;
    for (ColumnDef def : statement.columns()) {
      String name = def.name().value();
      if (Source.RESERVED_NAMES.contains(name)) {
        throw new CatalogException(def.pos(), "'" + name + "' is a reserved column name. You"
            + " cannot use it as a name for a column: rename the column");
      }
      if (!seen.add(name)) {
        throw new CatalogException(def.pos(), "Duplicate column name `" + name + "`: each"
            + " column needs its own name");
      }
      SqlType type = AstTypes.toSqlType(def.type(), customTypes);
      Namespace ns = switch (def.kind()) {
        case KEY -> Namespace.KEY;
        case PRIMARY_KEY -> Namespace.PRIMARY_KEY;
        case VALUE -> Namespace.VALUE;
        case HEADERS -> Namespace.HEADERS;
        case HEADER -> Namespace.HEADER;
      };
      if (statement.kind() == SourceKind.STREAM && ns == Namespace.PRIMARY_KEY) {
        throw new CatalogException(def.pos(), "Column `" + name + "` is a 'PRIMARY KEY' column:"
            + " please use 'KEY' for streams.");
      }
      if (statement.kind() == SourceKind.TABLE && ns == Namespace.KEY) {
        throw new CatalogException(def.pos(), "Column `" + name + "` is a 'KEY' column: please"
            + " use 'PRIMARY KEY' for tables.");
      }
      if (ns == Namespace.HEADERS) {
        if (headers) {
          throw new CatalogException(def.pos(), "Schema already contains a HEADERS column:"
              + " keep one, it holds all headers");
        }
        headers = true;
        if (!type.equals(HEADERS_TYPE)) {
          throw new CatalogException(def.type().pos(), "Invalid type for HEADERS column:"
              + " expected " + AstTypes.display(HEADERS_TYPE) + ", got " + AstTypes.display(type));
        }
      }
      if (ns == Namespace.HEADER && type.baseType() != SqlBaseType.BYTES) {
        throw new CatalogException(def.type().pos(), "Invalid type for HEADER('"
            + def.headerKey().orElseThrow() + "') column: expected BYTES, got "
            + AstTypes.display(type));
      }
      positions.put(name, def.pos());
      columns.add(new SourceColumn(name, type, ns, def.headerKey()));
    }
    return columns;
  }

  private static void schemaIds(WithClause with, List<SourceColumn> keys,
      List<SourceColumn> values, FormatName keyFormat, FormatName valueFormat) {
    schemaId(with, WithClause.KEY_SCHEMA_ID, !keys.isEmpty(), keyFormat, "key");
    schemaId(with, WithClause.VALUE_SCHEMA_ID, !values.isEmpty(), valueFormat, "value");
  }

  private static void schemaId(WithClause with, String property, boolean columns,
      FormatName format, String part) {
    if (!with.has(property)) {
      return;
    }
    with.intInRange(property, 1, Integer.MAX_VALUE);
    FormatChecks.formatProperty(property, FormatSpec.SCHEMA_ID, format, part, with.pos(property));
    if (columns) {
      throw new CatalogException(with.pos(property), "Table elements and " + property
          + " cannot both exist for create statement: the schema id gives the " + part
          + " columns, so remove either the " + part + " columns or " + property);
    }
  }

  private static Optional<WindowInfo> window(WithClause with, List<SourceColumn> keys,
      CreateSource statement) {
    Optional<String> typeText = with.nonEmptyString(WithClause.WINDOW_TYPE);
    if (typeText.isEmpty()) {
      if (with.has(WithClause.WINDOW_SIZE)) {
        throw new CatalogException(with.pos(WithClause.WINDOW_SIZE), "WINDOW_SIZE needs"
            + " WINDOW_TYPE: say how the topic's keys are windowed, e.g. WINDOW_TYPE='TUMBLING'");
      }
      return Optional.empty();
    }
    WindowInfo.Type type;
    try {
      type = WindowInfo.Type.valueOf(typeText.get().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CatalogException(with.pos(WithClause.WINDOW_TYPE), "WINDOW_TYPE must be"
          + " SESSION, TUMBLING or HOPPING, not '" + typeText.get() + "'");
    }
    Optional<String> sizeText = with.nonEmptyString(WithClause.WINDOW_SIZE);
    if (type == WindowInfo.Type.SESSION && sizeText.isPresent()) {
      throw new CatalogException(with.pos(WithClause.WINDOW_SIZE), "'WINDOW_SIZE' should not be"
          + " set for SESSION windows: remove it (session windows carry their end in the key)");
    }
    if (type != WindowInfo.Type.SESSION && sizeText.isEmpty()) {
      throw new CatalogException(with.pos(WithClause.WINDOW_TYPE), "Tumbling and Hopping window"
          + " types should set 'WINDOW_SIZE' in the WITH clause, e.g. WINDOW_SIZE='1 MINUTE'");
    }
    if (keys.isEmpty()) {
      throw new CatalogException(statement.name().pos(), "Windowed sources require a key"
          + " column: declare the key, e.g. `" + keyExample(statement.kind()) + "`");
    }
    Optional<Duration> size =
        sizeText.map(t -> windowSize(t, with.pos(WithClause.WINDOW_SIZE)));
    return Optional.of(new WindowInfo(type, size));
  }

  /** {@code '<n> <unit>'} with unit MILLISECOND(S), SECOND(S), MINUTE(S), HOUR(S) or DAY(S). */
  static Duration windowSize(String text, Pos pos) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length == 2) {
      try {
        long n = Long.parseLong(parts[0]);
        String unit = parts[1].toUpperCase(Locale.ROOT);
        unit = unit.endsWith("S") ? unit.substring(0, unit.length() - 1) : unit;
        Duration d = switch (unit) {
          case "MILLISECOND" -> Duration.ofMillis(n);
          case "SECOND" -> Duration.ofSeconds(n);
          case "MINUTE" -> Duration.ofMinutes(n);
          case "HOUR" -> Duration.ofHours(n);
          case "DAY" -> Duration.ofDays(n);
          default -> null;
        };
        if (d != null && n > 0) {
          return d;
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // reported below
      }
    }
    throw new CatalogException(pos, "Invalid WINDOW_SIZE '" + text + "': write a positive"
        + " number and a unit, e.g. '10 SECONDS' (units: MILLISECONDS, SECONDS, MINUTES, HOURS,"
        + " DAYS)");
  }

  static void timestamp(WithClause with, Optional<String> column,
      Optional<String> format, List<SourceColumn> columns) {
    Pos pos = with.pos(WithClause.TIMESTAMP);
    if (column.isEmpty()) {
      if (format.isPresent()) {
        throw new CatalogException(with.pos(WithClause.TIMESTAMP_FORMAT), "TIMESTAMP_FORMAT"
            + " needs TIMESTAMP: name the STRING column it parses, e.g. TIMESTAMP='EVENT_TIME'");
      }
      return;
    }
    SourceColumn c = columns.stream().filter(x -> x.name().equals(column.get())).findFirst()
        .orElseThrow(() -> new CatalogException(pos, "The TIMESTAMP column set in the WITH"
            + " clause does not exist in the schema: '" + column.get() + "'. Name one of the"
            + " declared columns (quote it in back quotes to keep its case: TIMESTAMP='`ts`')"));
    if (format.isPresent()) {
      try {
        DateTimeFormatter.ofPattern(format.get());
      } catch (IllegalArgumentException e) {
        throw new CatalogException(with.pos(WithClause.TIMESTAMP_FORMAT), "Invalid"
            + " TIMESTAMP_FORMAT '" + format.get() + "': " + e.getMessage()
            + ". Use a java.time.format.DateTimeFormatter pattern, e.g. 'yyyy-MM-dd HH:mm:ss'");
      }
      if (c.type().baseType() != SqlBaseType.STRING) {
        throw new CatalogException(pos, "Timestamp column `" + c.name() + "` with"
            + " TIMESTAMP_FORMAT must be a STRING, not " + AstTypes.display(c.type())
            + ": remove TIMESTAMP_FORMAT for a BIGINT or TIMESTAMP column");
      }
      return;
    }
    SqlBaseType base = c.type().baseType();
    if (base != SqlBaseType.BIGINT && base != SqlBaseType.TIMESTAMP) {
      throw new CatalogException(pos, "Timestamp column, `" + c.name() + "`, should be BIGINT"
          + " or TIMESTAMP, or a STRING with a TIMESTAMP_FORMAT specified; it is "
          + AstTypes.display(c.type()));
    }
  }

  /** The format properties of the key ({@code part} KEY) or value ({@code part} VALUE). */
  static Map<String, String> formatProperties(WithClause with, String part,
      FormatName format) {
    Map<String, String> out = new HashMap<>();
    String lower = part.toLowerCase(Locale.ROOT);
    String delimiter = part + "_DELIMITER";
    with.string(delimiter).ifPresent(v -> {
      FormatChecks.formatProperty(delimiter, FormatSpec.DELIMITER, format, lower,
          with.pos(delimiter));
      out.put(FormatSpec.DELIMITER, FormatChecks.delimiter(delimiter, v, with.pos(delimiter)));
    });
    with.integer(part + "_SCHEMA_ID").ifPresent(v -> out.put(FormatSpec.SCHEMA_ID, v.toString()));
    String fullName = part + "_SCHEMA_FULL_NAME";
    with.nonEmptyString(fullName).ifPresent(v -> {
      FormatChecks.formatProperty(fullName, FormatSpec.FULL_SCHEMA_NAME, format, lower,
          with.pos(fullName));
      out.put(FormatSpec.FULL_SCHEMA_NAME, v);
    });
    String avroName = part + "_AVRO_SCHEMA_FULL_NAME";
    with.nonEmptyString(avroName).ifPresent(v -> {
      FormatChecks.formatProperty(avroName, FormatSpec.AVRO_FULL_SCHEMA_NAME, format, lower,
          with.pos(avroName));
      out.put(FormatSpec.AVRO_FULL_SCHEMA_NAME, v);
    });
    String nullable = part + "_PROTOBUF_NULLABLE_REPRESENTATION";
    with.nonEmptyString(nullable).ifPresent(v -> {
      FormatChecks.formatProperty(nullable, FormatSpec.NULLABLE_REPRESENTATION, format, lower,
          with.pos(nullable));
      String upper = v.trim().toUpperCase(Locale.ROOT);
      if (!upper.equals("OPTIONAL") && !upper.equals("WRAPPER")) {
        throw new CatalogException(with.pos(nullable), nullable + " must be OPTIONAL or"
            + " WRAPPER, not '" + v + "'");
      }
      out.put(FormatSpec.NULLABLE_REPRESENTATION, upper);
    });
    return out;
  }
}
