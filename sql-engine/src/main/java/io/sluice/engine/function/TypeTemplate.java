package io.sluice.engine.function;

import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The declared SQL type of a function parameter or result, possibly generic.
 *
 * <p>Text form (case-insensitive), as written in {@link Sql}, {@link Udf#returns()} and {@link
 * Udtf#returns()}: a scalar type name ({@code BOOLEAN, INT, INTEGER, BIGINT, DOUBLE, STRING,
 * VARCHAR, BYTES, DATE, TIME, TIMESTAMP}); {@code DECIMAL}, {@code STRUCT}, {@code ARRAY} or
 * {@code MAP} alone for any type of that kind; {@code ARRAY<t>} and {@code MAP<k, v>} of
 * templates; a single letter ({@code T}, {@code K}, {@code V}, {@code U}) for a type variable.
 * Within one overload, every occurrence of a variable stands for the same type.
 */
public sealed interface TypeTemplate {

  /** Exactly this type. */
  record Exact(SqlType type) implements TypeTemplate {
    @Override
    public String toString() {
      return type.toString();
    }
  }

  /** Any type of this kind: DECIMAL of any precision, any ARRAY, MAP or STRUCT. */
  record AnyOf(SqlBaseType base) implements TypeTemplate {
    @Override
    public String toString() {
      return base == SqlBaseType.DECIMAL || base == SqlBaseType.STRUCT ? base.toString()
          : base == SqlBaseType.ARRAY ? "ARRAY<ANY>" : "MAP<ANY, ANY>";
    }
  }

  /** A type variable. */
  record Var(String name) implements TypeTemplate {
    @Override
    public String toString() {
      return name;
    }
  }

  /** ARRAY of a template. */
  record ArrayOf(TypeTemplate element) implements TypeTemplate {
    @Override
    public String toString() {
      return "ARRAY<" + element + ">";
    }
  }

  /** MAP of templates. */
  record MapOf(TypeTemplate key, TypeTemplate value) implements TypeTemplate {
    @Override
    public String toString() {
      return "MAP<" + key + ", " + value + ">";
    }
  }

  /** Whether this template stands for exactly one type. */
  default boolean isExact() {
    return this instanceof Exact;
  }

  /**
   * Matches {@code type} against this template's shape and adds, per variable, the part of
   * {@code type} it meets to {@code found}. False if the shape does not fit (an exact part must be
   * equal or implicitly convertible; the caller prices conversions).
   */
  default boolean collect(SqlType type, Map<String, List<SqlType>> found) {
    if (this instanceof Exact e) {
      return SqlType.canImplicitlyCast(type, e.type());
    } else if (this instanceof AnyOf a) {
      return type.baseType() == a.base();
    } else if (this instanceof Var v) {
      found.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(type);
      return true;
    } else if (this instanceof ArrayOf a) {
      return type instanceof SqlArray t && a.element().collect(t.element(), found);
    } else {
      MapOf m = (MapOf) this;
      return type instanceof SqlMap t && m.key().collect(t.key(), found)
          && m.value().collect(t.value(), found);
    }
  }

  /**
   * The concrete type with variables replaced by {@code bindings}; {@code actual} (the argument's
   * type, or null) fills {@link AnyOf} parts. Null if a variable is unbound or an {@code AnyOf}
   * has no actual type.
   */
  default SqlType bind(Map<String, SqlType> bindings, SqlType actual) {
    if (this instanceof Exact e) {
      return e.type();
    } else if (this instanceof AnyOf) {
      return actual;
    } else if (this instanceof Var v) {
      return bindings.get(v.name());
    } else if (this instanceof ArrayOf a) {
      SqlType el = a.element().bind(bindings,
          actual instanceof SqlArray t ? t.element() : null);
      return el == null ? null : SqlType.array(el);
    } else {
      MapOf m = (MapOf) this;
      SqlType k = m.key().bind(bindings, actual instanceof SqlMap t ? t.key() : null);
      SqlType v = m.value().bind(bindings, actual instanceof SqlMap t ? t.value() : null);
      return k == null || v == null ? null : SqlType.map(k, v);
    }
  }

  /** Parses the text form (see the interface doc). */
  static TypeTemplate parse(String text) {
    Parser p = new Parser(text.toUpperCase(Locale.ROOT).replace(" ", ""));
    TypeTemplate t = p.template();
    if (p.pos != p.text.length()) {
      throw new IllegalArgumentException("bad type template: " + text);
    }
    return t;
  }

  /** Recursive descent over the upper-cased, space-free text. */
  final class Parser {
    private final String text;
    private int pos;

    private Parser(String text) {
      this.text = text;
    }

    private TypeTemplate template() {
      int start = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      if (word.length() == 1) {
        return new Var(word);
      }
      switch (word) {
        case "ARRAY":
          if (!accept('<')) {
            return new AnyOf(SqlBaseType.ARRAY);
          }
          TypeTemplate el = template();
          expect('>');
          return new ArrayOf(el);
        case "MAP":
          if (!accept('<')) {
            return new AnyOf(SqlBaseType.MAP);
          }
          TypeTemplate k = template();
          expect(',');
          TypeTemplate v = template();
          expect('>');
          return new MapOf(k, v);
        case "DECIMAL":
          return new AnyOf(SqlBaseType.DECIMAL);
        case "STRUCT":
          return new AnyOf(SqlBaseType.STRUCT);
        default:
          return new Exact(scalar(word));
      }
    }

    private static SqlType scalar(String word) {
      return switch (word) {
        case "BOOLEAN" -> SqlType.BOOLEAN;
        case "INT", "INTEGER" -> SqlType.INTEGER;
        case "BIGINT" -> SqlType.BIGINT;
        case "DOUBLE" -> SqlType.DOUBLE;
        case "STRING", "VARCHAR" -> SqlType.STRING;
        case "BYTES" -> SqlType.BYTES;
        case "DATE" -> SqlType.DATE;
        case "TIME" -> SqlType.TIME;
        case "TIMESTAMP" -> SqlType.TIMESTAMP;
        default -> throw new IllegalArgumentException("unknown type in template: " + word);
      };
    }

    private boolean accept(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!accept(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
      }
    }
  }
}
