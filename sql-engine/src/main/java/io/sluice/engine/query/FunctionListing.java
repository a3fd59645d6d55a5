package io.sluice.engine.query;

import io.sluice.engine.function.FunctionDescription;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.plan.PlanException;
import io.sluice.grammar.ast.DescribeFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SHOW FUNCTIONS and DESCRIBE FUNCTION over the function registry. */
final class FunctionListing {

  private FunctionListing() {}

  static StatementResult show(FunctionRegistry functions, String text) {
    List<List<Object>> rows = new ArrayList<>();
    for (FunctionDescription.Summary s : functions.list()) {
      rows.add(List.of(s.name(), s.kind().name(), s.category().toUpperCase(Locale.ROOT)));
    }
    return StatementResult.table(text, "function_names", rows.size() + " functions",
        List.of("Function Name", "Type", "Category"), rows);
  }

  static StatementResult describe(FunctionRegistry functions, DescribeFunction stmt,
      String text) {
    FunctionDescription d;
    try {
      d = functions.describe(stmt.name().value());
    } catch (RuntimeException e) {
      throw new PlanException(stmt.name().pos(), e.getMessage() + ". SHOW FUNCTIONS lists them.");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (FunctionDescription.Variation v : d.variations()) {
      rows.add(List.of(v.signature(d.name()), v.returnType(), v.description()));
    }
    return StatementResult.table(text, "describe_function", d.format(),
        List.of("Variation", "Returns", "Description"), rows);
  }
}
