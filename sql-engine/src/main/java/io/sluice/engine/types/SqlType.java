package io.sluice.engine.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.StructKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A ksqlDB type: {@code BOOLEAN, INTEGER (INT), BIGINT, DOUBLE, DECIMAL(p, s), STRING (VARCHAR),
 * BYTES, DATE, TIME, TIMESTAMP, ARRAY<T>, MAP<K, V>, STRUCT<f T, ...>}.
 *
 * <p>{@link #toString()} prints ksqlDB's display name ({@code INTEGER}, {@code STRING},
 * {@code DECIMAL(4, 2)}, {@code ARRAY<INTEGER>}, {@code MAP<STRING, BIGINT>},
 * {@code STRUCT<A INTEGER, B STRING>}). Every type is nullable, at every level.
 *
 * <h2>Runtime representation</h2>
 *
 * <p>On the per-record path a value of each type is exactly one Java class (or {@code null}). Rows
 * are {@code Object[]} of such values; compiled expressions read and write them without
 * conversion, because these are the classes Calcite's generated code (its {@code
 * JavaTypeFactoryImpl} mapping of nullable SQL types) works with natively:
 *
 * <table>
 *   <caption>Java class of each type</caption>
 *   <tr><th>type</th><th>Java class</th><th>notes</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td><td></td></tr>
 *   <tr><td>INTEGER</td><td>{@link Integer}</td><td></td></tr>
 *   <tr><td>BIGINT</td><td>{@link Long}</td><td></td></tr>
 *   <tr><td>DOUBLE</td><td>{@link Double}</td><td></td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>{@link java.math.BigDecimal}</td>
 *       <td>its {@code scale()} is the type's scale (ksqlDB keeps trailing zeros: {@code 5.0500000})</td></tr>
 *   <tr><td>STRING</td><td>{@link String}</td><td></td></tr>
 *   <tr><td>BYTES</td><td>{@link org.apache.calcite.avatica.util.ByteString}</td>
 *       <td>immutable, compares and hashes by content (usable as a key, unlike {@code byte[]}, and
 *       without {@code ByteBuffer}'s mutable position); it is what Calcite's code uses for
 *       VARBINARY, so no per-record copy. Serdes convert with {@link #bytes(byte[])} /
 *       {@code ByteString.getBytes()}.</td></tr>
 *   <tr><td>DATE</td><td>{@link Integer}</td><td>days since 1970-01-01</td></tr>
 *   <tr><td>TIME</td><td>{@link Integer}</td><td>milliseconds of the day</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link Long}</td><td>milliseconds since the epoch (UTC)</td></tr>
 *   <tr><td>ARRAY&lt;T&gt;</td><td>{@link java.util.List}</td>
 *       <td>elements in this representation, nulls allowed; treat as immutable</td></tr>
 *   <tr><td>MAP&lt;K, V&gt;</td><td>{@link java.util.Map}</td>
 *       <td>keys and values in this representation; treat as immutable</td></tr>
 *   <tr><td>STRUCT&lt;...&gt;</td><td>{@link Struct}</td>
 *       <td>immutable, ordered field values; a {@code List} of the values so that Calcite's field
 *       access ({@code SqlFunctions.structAccess}, positional {@code List.get}) reads it
 *       directly, and so that equality is by value (an {@code Object[]} would compare by
 *       identity)</td></tr>
 * </table>
 */
public sealed interface SqlType permits SqlPrimitive, SqlDecimal, SqlArray, SqlMap, SqlStruct {

  SqlPrimitive BOOLEAN = new SqlPrimitive(SqlBaseType.BOOLEAN);
  SqlPrimitive INTEGER = new SqlPrimitive(SqlBaseType.INTEGER);
  SqlPrimitive BIGINT = new SqlPrimitive(SqlBaseType.BIGINT);
  SqlPrimitive DOUBLE = new SqlPrimitive(SqlBaseType.DOUBLE);
  SqlPrimitive STRING = new SqlPrimitive(SqlBaseType.STRING);
  SqlPrimitive BYTES = new SqlPrimitive(SqlBaseType.BYTES);
  SqlPrimitive DATE = new SqlPrimitive(SqlBaseType.DATE);
  SqlPrimitive TIME = new SqlPrimitive(SqlBaseType.TIME);
  SqlPrimitive TIMESTAMP = new SqlPrimitive(SqlBaseType.TIMESTAMP);

  /** ksqlDB treats an INTEGER as DECIMAL(10, 0) when it meets a DECIMAL. */
  SqlDecimal INTEGER_AS_DECIMAL = new SqlDecimal(10, 0);
  /** ksqlDB treats a BIGINT as DECIMAL(19, 0) when it meets a DECIMAL. */
  SqlDecimal BIGINT_AS_DECIMAL = new SqlDecimal(19, 0);

  /** Precision of TIME and TIMESTAMP in Calcite: milliseconds. */
  int TIME_PRECISION = 3;

  SqlBaseType baseType();

  /** The Java class of a non-null value of this type on the per-record path (see class doc). */
  Class<?> javaType();

  static SqlDecimal decimal(int precision, int scale) {
    return new SqlDecimal(precision, scale);
  }

  static SqlArray array(SqlType element) {
    return new SqlArray(element);
  }

  static SqlMap map(SqlType key, SqlType value) {
    return new SqlMap(key, value);
  }

  static SqlStruct.Builder struct() {
    return new SqlStruct.Builder();
  }

  /** A BYTES value from bytes (copied). */
  static org.apache.calcite.avatica.util.ByteString bytes(byte[] bytes) {
    return new org.apache.calcite.avatica.util.ByteString(bytes);
  }

  // ---------------------------------------------------------------------------------------------
  // Implicit conversion

  /**
   * Whether a value of type {@code from} may be used where {@code to} is expected without an
   * explicit CAST, as ksqlDB allows: equal types; numeric widening along {@code INTEGER -> BIGINT
   * -> DECIMAL -> DOUBLE} (to a DECIMAL only if it holds every value: INTEGER needs 10 integer
   * digits, BIGINT 19, a DECIMAL its integer digits and scale); and element-wise for ARRAY, MAP
   * and STRUCT (same field names, in order).
   */
  static boolean canImplicitlyCast(SqlType from, SqlType to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      return true;
    }
    SqlBaseType f = from.baseType();
    SqlBaseType t = to.baseType();
    if (f.isNumber() && t.isNumber()) {
      if (t == SqlBaseType.DECIMAL) {
        if (f == SqlBaseType.DOUBLE) {
          return false;
        }
        SqlDecimal target = (SqlDecimal) to;
        SqlDecimal source = asDecimal(from);
        return source.scale() <= target.scale()
            && source.integerDigits() <= target.integerDigits();
      }
      return f.ordinal() <= t.ordinal();
    }
    if (from instanceof SqlArray fa && to instanceof SqlArray ta) {
      return canImplicitlyCast(fa.element(), ta.element());
    }
    if (from instanceof SqlMap fm && to instanceof SqlMap tm) {
      return canImplicitlyCast(fm.key(), tm.key()) && canImplicitlyCast(fm.value(), tm.value());
    }
    if (from instanceof SqlStruct fs && to instanceof SqlStruct ts) {
      if (fs.fields().size() != ts.fields().size()) {
        return false;
      }
      for (int i = 0; i < fs.fields().size(); i++) {
        SqlStruct.Field ff = fs.fields().get(i);
        SqlStruct.Field tf = ts.fields().get(i);
        if (!ff.name().equals(tf.name()) || !canImplicitlyCast(ff.type(), tf.type())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * The narrowest type both {@code a} and {@code b} convert to implicitly, as ksqlDB coerces the
   * branches of a CASE, the elements of an ARRAY constructor, the operands of a comparison or the
   * values of an IN list: numbers widen ({@code INTEGER+BIGINT -> BIGINT}, {@code INTEGER+DECIMAL
   * -> DECIMAL} wide enough for both, anything with DOUBLE -> DOUBLE), containers element-wise.
   */
  static Optional<SqlType> commonType(SqlType a, SqlType b) {
    if (a.equals(b)) {
      return Optional.of(a);
    }
    SqlBaseType x = a.baseType();
    SqlBaseType y = b.baseType();
    if (x.isNumber() && y.isNumber()) {
      if (x == SqlBaseType.DOUBLE || y == SqlBaseType.DOUBLE) {
        return Optional.of(DOUBLE);
      }
      if (x == SqlBaseType.DECIMAL || y == SqlBaseType.DECIMAL) {
        SqlDecimal l = asDecimal(a);
        SqlDecimal r = asDecimal(b);
        int scale = Math.max(l.scale(), r.scale());
        int digits = Math.max(l.integerDigits(), r.integerDigits());
        return Optional.of(decimal(digits + scale, scale));
      }
      return Optional.of(x.ordinal() >= y.ordinal() ? a : b);
    }
    if (a instanceof SqlArray aa && b instanceof SqlArray ba) {
      return commonType(aa.element(), ba.element()).map(SqlType::array);
    }
    if (a instanceof SqlMap am && b instanceof SqlMap bm) {
      Optional<SqlType> k = commonType(am.key(), bm.key());
      Optional<SqlType> v = commonType(am.value(), bm.value());
      return k.isPresent() && v.isPresent() ? Optional.of(map(k.get(), v.get())) : Optional.empty();
    }
    if (a instanceof SqlStruct as && b instanceof SqlStruct bs
        && as.fields().size() == bs.fields().size()) {
      List<SqlStruct.Field> fields = new ArrayList<>();
      for (int i = 0; i < as.fields().size(); i++) {
        SqlStruct.Field af = as.fields().get(i);
        SqlStruct.Field bf = bs.fields().get(i);
        if (!af.name().equals(bf.name())) {
          return Optional.empty();
        }
        Optional<SqlType> t = commonType(af.type(), bf.type());
        if (t.isEmpty()) {
          return Optional.empty();
        }
        fields.add(new SqlStruct.Field(af.name(), t.get()));
      }
      return Optional.of(new SqlStruct(fields));
    }
    return Optional.empty();
  }

  /** INTEGER, BIGINT or DECIMAL as the DECIMAL ksqlDB uses for it in decimal arithmetic. */
  static SqlDecimal asDecimal(SqlType type) {
    return switch (type.baseType()) {
      case DECIMAL -> (SqlDecimal) type;
      case INTEGER -> INTEGER_AS_DECIMAL;
      case BIGINT -> BIGINT_AS_DECIMAL;
      default -> throw new IllegalArgumentException("not convertible to DECIMAL: " + type);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Calcite mapping

  /** This type as a nullable Calcite type (every nested type nullable too). */
  default RelDataType toRelDataType(RelDataTypeFactory factory) {
    RelDataType t;
    if (this instanceof SqlDecimal d) {
      t = factory.createSqlType(SqlTypeName.DECIMAL, d.precision(), d.scale());
    } else if (this instanceof SqlArray a) {
      t = factory.createArrayType(a.element().toRelDataType(factory), -1);
    } else if (this instanceof SqlMap m) {
      t = factory.createMapType(m.key().toRelDataType(factory), m.value().toRelDataType(factory));
    } else if (this instanceof SqlStruct s) {
      t = factory.createStructType(
          StructKind.FULLY_QUALIFIED,
          s.fields().stream().map(f -> f.type().toRelDataType(factory)).toList(),
          s.fields().stream().map(SqlStruct.Field::name).toList());
    } else {
      t = switch (baseType()) {
        case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
        case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
        case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
        case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
        case STRING -> factory.createSqlType(SqlTypeName.VARCHAR);
        case BYTES -> factory.createSqlType(SqlTypeName.VARBINARY);
        case DATE -> factory.createSqlType(SqlTypeName.DATE);
        case TIME -> factory.createSqlType(SqlTypeName.TIME, TIME_PRECISION);
        case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, TIME_PRECISION);
        default -> throw new AssertionError(this);
      };
    }
    return factory.createTypeWithNullability(t, true);
  }

  /**
   * The ksqlDB type of a Calcite type; nullability is ignored (every ksqlDB type is nullable).
   * CHAR and VARCHAR of any length are STRING, BINARY and VARBINARY are BYTES.
   *
   * @throws IllegalArgumentException for Calcite types with no ksqlDB counterpart (including the
   *     type of an untyped NULL literal)
   */
  static SqlType fromRelDataType(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return switch (name) {
      case BOOLEAN -> BOOLEAN;
      case INTEGER -> INTEGER;
      case BIGINT -> BIGINT;
      case DOUBLE -> DOUBLE;
      case DECIMAL -> decimal(type.getPrecision(), type.getScale());
      case CHAR, VARCHAR -> STRING;
      case BINARY, VARBINARY -> BYTES;
      case DATE -> DATE;
      case TIME -> TIME;
      case TIMESTAMP -> TIMESTAMP;
      case ARRAY -> array(fromRelDataType(type.getComponentType()));
      case MAP -> map(fromRelDataType(type.getKeyType()), fromRelDataType(type.getValueType()));
      case ROW -> {
        SqlStruct.Builder b = struct();
        for (RelDataTypeField f : type.getFieldList()) {
          b.field(f.getName(), fromRelDataType(f.getType()));
        }
        yield b.build();
      }
      default -> throw new IllegalArgumentException("no ksqlDB type for Calcite type " + type);
    };
  }
}
