package io.sluice.driver.jdbc;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ksqlDB type names (as the server reports them) to JDBC types and Java classes. */
final class SqlTypes {

    private SqlTypes() {
    }

    /** The base name: {@code DECIMAL(10, 2)} is DECIMAL, {@code ARRAY<INT>} is ARRAY. */
    static String base(String ksqlType) {
        String t = ksqlType.trim().toUpperCase(Locale.ROOT);
        int cut = t.length();
        for (char c : new char[] {'(', '<', ' '}) {
            int i = t.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return t.substring(0, cut);
    }

    static int jdbcType(String ksqlType) {
        return switch (base(ksqlType)) {
            case "BOOLEAN" -> Types.BOOLEAN;
            case "INT", "INTEGER" -> Types.INTEGER;
            case "BIGINT" -> Types.BIGINT;
            case "DOUBLE" -> Types.DOUBLE;
            case "DECIMAL" -> Types.DECIMAL;
            case "STRING", "VARCHAR" -> Types.VARCHAR;
            case "BYTES" -> Types.VARBINARY;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "TIMESTAMP" -> Types.TIMESTAMP;
            case "ARRAY" -> Types.ARRAY;
            case "MAP", "STRUCT" -> Types.JAVA_OBJECT;
            default -> Types.OTHER;
        };
    }

    static String javaClass(String ksqlType) {
        return switch (jdbcType(ksqlType)) {
            case Types.BOOLEAN -> Boolean.class.getName();
            case Types.INTEGER -> Integer.class.getName();
            case Types.BIGINT -> Long.class.getName();
            case Types.DOUBLE -> Double.class.getName();
            case Types.DECIMAL -> BigDecimal.class.getName();
            case Types.ARRAY -> List.class.getName();
            case Types.JAVA_OBJECT -> Map.class.getName();
            default -> String.class.getName();
        };
    }
}
