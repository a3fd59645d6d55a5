package io.sluice.engine.types;

import java.math.RoundingMode;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with ksqlDB's rules, so that Calcite's type derivation gives ksqlDB's
 * result types.
 *
 * <ul>
 *   <li>DECIMAL arithmetic (INTEGER counts as DECIMAL(10, 0), BIGINT as DECIMAL(19, 0)):
 *       <ul>
 *         <li>{@code +, -}: scale {@code max(s1, s2)}, precision {@code scale + max(p1 - s1, p2 -
 *             s2) + 1} (DECIMAL(4,2) + DECIMAL(4,2) is DECIMAL(5,2));
 *         <li>{@code *}: precision {@code p1 + p2 + 1}, scale {@code s1 + s2};
 *         <li>{@code /}: scale {@code max(6, s1 + p2 + 1)}, precision {@code p1 - s1 + s2 + scale};
 *         <li>{@code %}: scale {@code max(s1, s2)}, precision {@code min(p1 - s1, p2 - s2) + scale}.
 *       </ul>
 *   <li>No practical precision limit (ksqlDB has none): up to {@link #MAX_DECIMAL_PRECISION}.
 *   <li>TIME and TIMESTAMP have millisecond precision.
 *   <li>Rounding to a DECIMAL's scale is HALF_UP, as in ksqlDB's casts.
 * </ul>
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {

  public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();

  /** Largest DECIMAL precision (and scale) Sluice's Calcite types allow. */
  public static final int MAX_DECIMAL_PRECISION = 1000;

  private SluiceTypeSystem() {}

  /** A new type factory with this type system (type factories are not thread-safe to share). */
  public static JavaTypeFactory newTypeFactory() {
    return new JavaTypeFactoryImpl(INSTANCE);
  }

  /** A new RexBuilder over a new {@link #newTypeFactory() type factory}. */
  public static RexBuilder newRexBuilder() {
    return new RexBuilder(newTypeFactory());
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return MAX_DECIMAL_PRECISION;
    }
    return super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return MAX_DECIMAL_PRECISION;
    }
    return super.getMaxScale(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.TIME || typeName == SqlTypeName.TIMESTAMP) {
      return SqlType.TIME_PRECISION;
    }
    return super.getDefaultPrecision(typeName);
  }

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override
  public RelDataType deriveDecimalPlusType(
      RelDataTypeFactory factory, RelDataType type1, RelDataType type2) {
    SqlDecimal[] d = decimals(type1, type2);
    if (d == null) {
      return null;
    }
    int scale = Math.max(d[0].scale(), d[1].scale());
    int precision = scale + Math.max(d[0].integerDigits(), d[1].integerDigits()) + 1;
    return decimal(factory, precision, scale, type1, type2);
  }

  @Override
  public RelDataType deriveDecimalMultiplyType(
      RelDataTypeFactory factory, RelDataType type1, RelDataType type2) {
    SqlDecimal[] d = decimals(type1, type2);
    if (d == null) {
      return null;
    }
    return decimal(factory, d[0].precision() + d[1].precision() + 1,
        d[0].scale() + d[1].scale(), type1, type2);
  }

  @Override
  public RelDataType deriveDecimalDivideType(
      RelDataTypeFactory factory, RelDataType type1, RelDataType type2) {
    SqlDecimal[] d = decimals(type1, type2);
    if (d == null) {
      return null;
    }
    int scale = Math.max(6, d[0].scale() + d[1].precision() + 1);
    int precision = d[0].integerDigits() + d[1].scale() + scale;
    return decimal(factory, precision, scale, type1, type2);
  }

  @Override
  public RelDataType deriveDecimalModType(
      RelDataTypeFactory factory, RelDataType type1, RelDataType type2) {
    SqlDecimal[] d = decimals(type1, type2);
    if (d == null) {
      return null;
    }
    int scale = Math.max(d[0].scale(), d[1].scale());
    int precision = Math.min(d[0].integerDigits(), d[1].integerDigits()) + scale;
    return decimal(factory, precision, scale, type1, type2);
  }

  /** Both operands as ksqlDB decimals, or null unless both are exact and one is DECIMAL. */
  private static SqlDecimal[] decimals(RelDataType type1, RelDataType type2) {
    if (!SqlTypeUtil.isExactNumeric(type1) || !SqlTypeUtil.isExactNumeric(type2)) {
      return null;
    }
    if (!SqlTypeUtil.isDecimal(type1) && !SqlTypeUtil.isDecimal(type2)) {
      return null;
    }
    SqlDecimal[] d = new SqlDecimal[2];
    d[0] = SqlType.asDecimal(exact(type1));
    d[1] = SqlType.asDecimal(exact(type2));
    return d;
  }

  private static SqlType exact(RelDataType t) {
    return switch (t.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case DECIMAL -> SqlType.decimal(t.getPrecision(), t.getScale());
      default -> throw new IllegalArgumentException("not an exact numeric type: " + t);
    };
  }

  private static RelDataType decimal(RelDataTypeFactory factory, int precision, int scale,
      RelDataType type1, RelDataType type2) {
    if (precision > MAX_DECIMAL_PRECISION) {
      throw new IllegalArgumentException("DECIMAL result precision " + precision
          + " exceeds " + MAX_DECIMAL_PRECISION);
    }
    RelDataType t = factory.createSqlType(SqlTypeName.DECIMAL, precision, scale);
    return factory.createTypeWithNullability(t, type1.isNullable() || type2.isNullable());
  }
}
