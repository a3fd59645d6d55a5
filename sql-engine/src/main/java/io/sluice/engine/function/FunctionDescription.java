package io.sluice.engine.function;

import java.util.List;

/**
 * What {@code DESCRIBE FUNCTION name} shows: the function's overview, kind and category and every
 * overload ("variation") with its parameters and result type. Types are display text: ksqlDB type
 * names, with type variables ({@code ARRAY<T>}) for generic overloads and {@code ...} after a
 * variadic parameter's type.
 */
public record FunctionDescription(String name, FunctionKind kind, String category,
    String description, List<Variation> variations) {

  /** One overload. */
  public record Variation(List<Param> params, String returnType, String description) {
    /** {@code NAME(p1 T1, p2 T2...)}, as ksqlDB's "Variation" line. */
    public String signature(String name) {
      StringBuilder sb = new StringBuilder(name).append('(');
      for (int i = 0; i < params.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(params.get(i).name()).append(' ')
            .append(params.get(i).type());
      }
      return sb.append(')').toString();
    }
  }

  /** A parameter: its name (the Java parameter's) and type. */
  public record Param(String name, String type) {}

  /** One line of {@code SHOW FUNCTIONS}. */
  public record Summary(String name, FunctionKind kind, String category) {}

  /** The text of ksqlDB's {@code DESCRIBE FUNCTION} output. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("Name        : ").append(name).append('\n')
        .append("Overview    : ").append(description).append('\n')
        .append("Type        : ").append(kind).append('\n')
        .append("Category    : ").append(category).append('\n')
        .append("Variations  : \n");
    for (Variation v : variations) {
      sb.append("\n\tVariation   : ").append(v.signature(name)).append('\n')
          .append("\tReturns     : ").append(v.returnType()).append('\n');
      if (!v.description().isEmpty()) {
        sb.append("\tDescription : ").append(v.description()).append('\n');
      }
    }
    return sb.toString();
  }
}
