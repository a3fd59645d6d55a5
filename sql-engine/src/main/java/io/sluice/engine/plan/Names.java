package io.sluice.engine.plan;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.types.Column;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Dereference;
import io.sluice.grammar.ast.Expression;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ksqlDB's names for unnamed output columns: a column reference keeps the column's name, a
 * struct dereference takes the field's name, anything else is {@code KSQL_COL_n} with the
 * smallest n whose name no input column or other output column has.
 */
final class Names {

  private final Set<String> taken = new HashSet<>();
  private int next;

  Names(Source input) {
    for (Column c : input.rowSchema().columns()) {
      taken.add(c.name());
    }
  }

  /** The name of a PARTITION BY key column for expression {@code e}. */
  String keyName(Expression e) {
    String natural = natural(e);
    return natural != null ? natural : generated();
  }

  /** Names the items without an alias, in SELECT order. */
  void nameItems(List<StreamPlanner.Item> items) {
    for (StreamPlanner.Item item : items) {
      if (item.name != null) {
        taken.add(item.name);
      }
    }
    for (StreamPlanner.Item item : items) {
      if (item.name == null) {
        item.name = itemName(item.expression);
      }
    }
  }

  /**
   * A column reference keeps its column's name; a struct field takes the field's name, with
   * {@code _1}, {@code _2}... when a column or an earlier item has it ({@code B, A->B, C->B} are
   * {@code B, B_1, B_2}, as ksqlDB names them).
   */
  private String itemName(Expression e) {
    if (e instanceof ColumnRef ref) {
      return ref.name().value();
    }
    if (e instanceof Dereference d) {
      String base = d.field().value();
      String name = base;
      for (int n = 1; taken.contains(name); n++) {
        name = base + "_" + n;
      }
      taken.add(name);
      return name;
    }
    return generated();
  }

  private static String natural(Expression e) {
    if (e instanceof ColumnRef ref) {
      return ref.name().value();
    }
    if (e instanceof Dereference d) {
      return d.field().value();
    }
    return null;
  }

  private String generated() {
    String name;
    do {
      name = "KSQL_COL_" + next++;
    } while (taken.contains(name));
    taken.add(name);
    return name;
  }
}
