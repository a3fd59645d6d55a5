package io.sluice.engine.catalog;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.SourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stream or table of the catalog: its columns, the topic it reads, how keys and values are
 * serialized and where record times come from. Immutable and thread-safe; made with
 * {@link #builder()}, by {@link DdlAnalyzer} for {@code CREATE STREAM|TABLE} and by the query
 * layer for the sources its queries create.
 *
 * <h2>Schemas</h2>
 *
 * <p>{@link #columns()} are in declaration order. {@link #keySchema()} and {@link #valueSchema()}
 * are what the key and value serdes produce; header columns are in neither. {@link #rowSchema()}
 * is the row a query sees: the key columns, then the value and header columns in declaration
 * order (this is {@code SELECT *}), then the pseudo-columns {@code ROWTIME BIGINT},
 * {@code ROWPARTITION INTEGER}, {@code ROWOFFSET BIGINT} and, for windowed sources,
 * {@code WINDOWSTART BIGINT} and {@code WINDOWEND BIGINT}. ksqlDB types ROWTIME as BIGINT
 * (milliseconds since the epoch), not TIMESTAMP.
 */
public final class Source {

  /** Pseudo-column: the record's timestamp. */
  public static final Column ROWTIME = new Column("ROWTIME", SqlType.BIGINT);
  /** Pseudo-column: the record's partition. */
  public static final Column ROWPARTITION = new Column("ROWPARTITION", SqlType.INTEGER);
  /** Pseudo-column: the record's offset. */
  public static final Column ROWOFFSET = new Column("ROWOFFSET", SqlType.BIGINT);
  /** Pseudo-column of windowed sources: the window's start. */
  public static final Column WINDOWSTART = new Column("WINDOWSTART", SqlType.BIGINT);
  /** Pseudo-column of windowed sources: the window's end. */
  public static final Column WINDOWEND = new Column("WINDOWEND", SqlType.BIGINT);
  /** Names no column may take, as ksqlDB reserves them (compared with canonical names). */
  public static final Set<String> RESERVED_NAMES =
      Set.of("ROWTIME", "ROWPARTITION", "ROWOFFSET", "WINDOWSTART", "WINDOWEND");

  private final String name;
  private final SourceKind kind;
  private final List<SourceColumn> columns;
  private final String topic;
  private final FormatSpec keyFormat;
  private final FormatSpec valueFormat;
  private final Optional<Boolean> wrapSingleValue;
  private final Optional<String> timestampColumn;
  private final Optional<String> timestampFormat;
  private final Optional<WindowInfo> window;
  private final int partitions;
  private final OptionalInt replicas;
  private final boolean readOnly;
  private final String statement;
  private final Optional<String> queryId;

  private Source(Builder b) {
    this.name = require(b.name, "name");
    this.kind = require(b.kind, "kind");
    this.columns = List.copyOf(b.columns);
    this.topic = require(b.topic, "topic");
    this.keyFormat = require(b.keyFormat, "keyFormat");
    this.valueFormat = require(b.valueFormat, "valueFormat");
    this.wrapSingleValue = b.wrapSingleValue;
    this.timestampColumn = b.timestampColumn;
    this.timestampFormat = b.timestampFormat;
    this.window = b.window;
    this.partitions = b.partitions;
    this.replicas = b.replicas;
    this.readOnly = b.readOnly;
    this.statement = require(b.statement, "statement");
    this.queryId = b.queryId;
    if (name.isEmpty() || topic.isEmpty()) {
      throw new IllegalArgumentException("empty source name or topic");
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("negative partition count: " + partitions);
    }
    Set<String> seen = new HashSet<>();
    for (SourceColumn c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("duplicate column " + c.name() + " in " + name);
      }
      if (c.namespace() == (kind == SourceKind.STREAM ? Namespace.PRIMARY_KEY : Namespace.KEY)) {
        throw new IllegalArgumentException("a " + kind + " has no " + c.namespace() + " columns");
      }
    }
    if (timestampColumn.isPresent() && !seen.contains(timestampColumn.get())) {
      throw new IllegalArgumentException("no timestamp column " + timestampColumn.get());
    }
  }

  private static <T> T require(T value, String what) {
    return Objects.requireNonNull(value, what);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this source's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.kind = kind;
    b.columns = new ArrayList<>(columns);
    b.topic = topic;
    b.keyFormat = keyFormat;
    b.valueFormat = valueFormat;
    b.wrapSingleValue = wrapSingleValue;
    b.timestampColumn = timestampColumn;
    b.timestampFormat = timestampFormat;
    b.window = window;
    b.partitions = partitions;
    b.replicas = replicas;
    b.readOnly = readOnly;
    b.statement = statement;
    b.queryId = queryId;
    return b;
  }

  /** The canonical name: upper-cased when written unquoted, as written when quoted. */
  public String name() {
    return name;
  }

  public SourceKind kind() {
    return kind;
  }

  /** All columns in declaration order. */
  public List<SourceColumn> columns() {
    return columns;
  }

  /** The column of that canonical name (pseudo-columns excluded). */
  public Optional<SourceColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** KEY or PRIMARY KEY columns, in order. */
  public List<SourceColumn> keyColumns() {
    return columns.stream().filter(c -> c.namespace().isKey()).toList();
  }

  /** Value columns (no header columns), in order: what the value serde reads and writes. */
  public List<SourceColumn> valueColumns() {
    return columns.stream().filter(c -> c.namespace() == Namespace.VALUE).toList();
  }

  /** HEADERS and HEADER('key') columns, in order. */
  public List<SourceColumn> headerColumns() {
    return columns.stream().filter(c -> c.namespace().isHeader()).toList();
  }

  /** The key columns as the key serde's row. */
  public RowSchema keySchema() {
    return new RowSchema(keyColumns().stream().map(SourceColumn::toColumn).toList());
  }

  /** The value columns as the value serde's row. */
  public RowSchema valueSchema() {
    return new RowSchema(valueColumns().stream().map(SourceColumn::toColumn).toList());
  }

  /** The row queries see, pseudo-columns last (see the class doc). */
  public RowSchema rowSchema() {
    List<Column> row = new ArrayList<>();
    keyColumns().forEach(c -> row.add(c.toColumn()));
    columns.stream().filter(c -> !c.namespace().isKey()).forEach(c -> row.add(c.toColumn()));
    row.add(ROWTIME);
    row.add(ROWPARTITION);
    row.add(ROWOFFSET);
    if (window.isPresent()) {
      row.add(WINDOWSTART);
      row.add(WINDOWEND);
    }
    return new RowSchema(row);
  }

  /** How many leading columns of {@link #rowSchema()} are declared columns ({@code SELECT *}). */
  public int userColumnCount() {
    return columns.size();
  }

  /** The topic the source reads (and, for derived sources, its query writes). */
  public String topic() {
    return topic;
  }

  public FormatSpec keyFormat() {
    return keyFormat;
  }

  public FormatSpec valueFormat() {
    return valueFormat;
  }

  /**
   * {@code WRAP_SINGLE_VALUE} as given in the WITH clause; empty for the format's (or the
   * session's {@code ksql.persistence.wrap.single.values}) default.
   */
  public Optional<Boolean> wrapSingleValue() {
    return wrapSingleValue;
  }

  /** The column record times come from ({@code TIMESTAMP}); empty for the record's timestamp. */
  public Optional<String> timestampColumn() {
    return timestampColumn;
  }

  /** The pattern a STRING timestamp column is parsed with ({@code TIMESTAMP_FORMAT}). */
  public Optional<String> timestampFormat() {
    return timestampFormat;
  }

  /** How the topic's keys are windowed; empty for a non-windowed source. */
  public Optional<WindowInfo> window() {
    return window;
  }

  public boolean isWindowed() {
    return window.isPresent();
  }

  /**
   * The topic's partition count when the source was created or replayed; 0 when it was not known
   * (the topic was gone at replay and the statement gave no {@code PARTITIONS}).
   */
  public int partitions() {
    return partitions;
  }

  /** {@code REPLICAS} as given in the WITH clause. */
  public OptionalInt replicas() {
    return replicas;
  }

  /** Whether the source is read-only ({@code CREATE SOURCE STREAM|TABLE}). */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** The text of the statement that created the source. */
  public String statement() {
    return statement;
  }

  /** The persistent query writing the source, for sources made by CREATE ... AS SELECT. */
  public Optional<String> queryId() {
    return queryId;
  }

  /** The declared columns as ksqlDB prints a schema: {@code `K` STRING KEY, `V` INTEGER}. */
  public String schemaText() {
    return columns.stream().map(SourceColumn::toString).collect(Collectors.joining(", "));
  }

  /** This source with another partition count (set once the topic is known). */
  public Source withPartitions(int count) {
    return toBuilder().partitions(count).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Source s && name.equals(s.name) && kind == s.kind
        && columns.equals(s.columns) && topic.equals(s.topic) && keyFormat.equals(s.keyFormat)
        && valueFormat.equals(s.valueFormat) && wrapSingleValue.equals(s.wrapSingleValue)
        && timestampColumn.equals(s.timestampColumn) && timestampFormat.equals(s.timestampFormat)
        && window.equals(s.window) && partitions == s.partitions && replicas.equals(s.replicas)
        && readOnly == s.readOnly && statement.equals(s.statement) && queryId.equals(s.queryId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, columns, topic, keyFormat, valueFormat);
  }

  @Override
  public String toString() {
    return kind + " " + name + " (" + schemaText() + ") topic=" + topic + " key=" + keyFormat
        + " value=" + valueFormat + window.map(w -> " window=" + w).orElse("");
  }

  /** Builds a {@link Source}; not thread-safe. Required: name, kind, topic, formats, statement. */
  public static final class Builder {
    private String name;
    private SourceKind kind;
    private List<SourceColumn> columns = new ArrayList<>();
    private String topic;
    private FormatSpec keyFormat = FormatSpec.of(FormatName.KAFKA);
    private FormatSpec valueFormat;
    private Optional<Boolean> wrapSingleValue = Optional.empty();
    private Optional<String> timestampColumn = Optional.empty();
    private Optional<String> timestampFormat = Optional.empty();
    private Optional<WindowInfo> window = Optional.empty();
    private int partitions;
    private OptionalInt replicas = OptionalInt.empty();
    private boolean readOnly;
    private String statement;
    private Optional<String> queryId = Optional.empty();

    private Builder() {}

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder kind(SourceKind value) {
      this.kind = value;
      return this;
    }

    /** Replaces the columns. */
    public Builder columns(List<SourceColumn> value) {
      this.columns = new ArrayList<>(value);
      return this;
    }

    /** Adds a column after those there are. */
    public Builder column(SourceColumn value) {
      this.columns.add(Objects.requireNonNull(value, "column"));
      return this;
    }

    public Builder topic(String value) {
      this.topic = value;
      return this;
    }

    /** Default: KAFKA, as ksqlDB's. */
    public Builder keyFormat(FormatSpec value) {
      this.keyFormat = value;
      return this;
    }

    public Builder valueFormat(FormatSpec value) {
      this.valueFormat = value;
      return this;
    }

    public Builder wrapSingleValue(Optional<Boolean> value) {
      this.wrapSingleValue = Objects.requireNonNull(value);
      return this;
    }

    public Builder timestampColumn(Optional<String> value) {
      this.timestampColumn = Objects.requireNonNull(value);
      return this;
    }

    public Builder timestampFormat(Optional<String> value) {
      this.timestampFormat = Objects.requireNonNull(value);
      return this;
    }

    public Builder window(Optional<WindowInfo> value) {
      this.window = Objects.requireNonNull(value);
      return this;
    }

    public Builder partitions(int value) {
      this.partitions = value;
      return this;
    }

    public Builder replicas(OptionalInt value) {
      this.replicas = Objects.requireNonNull(value);
      return this;
    }

    public Builder readOnly(boolean value) {
      this.readOnly = value;
      return this;
    }

    public Builder statement(String value) {
      this.statement = value;
      return this;
    }

    public Builder queryId(Optional<String> value) {
      this.queryId = Objects.requireNonNull(value);
      return this;
    }

    /**
     * @throws NullPointerException when a required field is missing
     * @throws IllegalArgumentException for duplicate column names, a key namespace that does not
     *     fit the kind, an unknown timestamp column or a negative partition count
     */
    public Source build() {
      return new Source(this);
    }
  }
}
