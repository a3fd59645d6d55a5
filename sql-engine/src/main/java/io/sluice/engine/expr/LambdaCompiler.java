package io.sluice.engine.expr;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Lambda;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexVisitorImpl;

/**
 * Compiles a lambda's body on its own, to a {@link CompiledLambda}.
 *
 * <p>The body is translated over a row of the lambda's parameters followed by the enclosing
 * translator's whole row, so it can use the parameters, enclosing lambdas' parameters and outer
 * columns alike (a nested lambda's enclosing row is the outer lambda's row). The enclosing
 * columns it really reads are then renumbered to follow the parameters, and the body is compiled
 * over that compact row; the enclosing expression passes just those values ({@link
 * Body#captured}) to the runtime helper per call.
 */
final class LambdaCompiler {

  /**
   * A compiled body: the lambda, the enclosing row's expressions whose values it captures (in
   * the order it expects them), and the body's type.
   */
  record Body(CompiledLambda lambda, List<RexNode> captured, SqlType type) {}

  private LambdaCompiler() {}

  /**
   * Compiles {@code lambda}, whose parameters have {@code paramTypes}, in the scope of {@code
   * outer}; {@code resultType}, if not null, is the type the body must convert to implicitly.
   */
  static Body compile(AstExpressions outer, String function, Lambda lambda,
      List<SqlType> paramTypes, SqlType resultType) {
    List<Identifier> params = lambda.parameters();
    if (params.size() != paramTypes.size()) {
      throw new ExpressionTypeException(lambda.pos(), "Was expecting " + paramTypes.size()
          + " arguments but found " + params.size() + ", " + params
          + ". Check your lambda statement for " + function + ".");
    }
    int n = params.size();
    ExpressionBuilder outerBuilder = outer.builder();
    RowSchema outerRow = outerBuilder.input();

    // Positional names: parameters and outer columns may share names; the scope maps names.
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      columns.add(new Column("$" + i, paramTypes.get(i)));
    }
    for (int i = 0; i < outerRow.size(); i++) {
      columns.add(new Column("$" + (n + i), outerRow.column(i).type()));
    }
    ExpressionBuilder bodyBuilder = outerBuilder.over(new RowSchema(columns));

    Map<String, Integer> variables = new HashMap<>();
    outer.lambdaVariables().forEach((name, index) -> variables.put(name, index + n));
    // A parameter hides an enclosing lambda's parameter of the same name.
    for (int i = 0; i < n; i++) {
      if (params.subList(0, i).contains(params.get(i))) {
        throw new ExpressionTypeException(params.get(i).pos(),
            "Duplicate lambda parameter " + params.get(i).value());
      }
      variables.put(params.get(i).value(), i);
    }
    AstExpressions bodyTranslator = new AstExpressions(bodyBuilder,
        new ShiftedScope(outer.scope(), n), outer.types(), outer.clause(), variables);
    RexNode body = bodyTranslator.translate(lambda.body());

    SqlType type = bodyBuilder.typeOrNull(body);
    if (resultType != null) {
      if (type != null && !type.equals(resultType)
          && !SqlType.canImplicitlyCast(type, resultType)) {
        throw new ExpressionTypeException(lambda.body().pos(), function + ": the lambda returns "
            + type + " but must return " + resultType);
      }
      body = bodyBuilder.cast(body, resultType);
      type = resultType;
    } else if (type == null) {
      throw new ExpressionTypeException(lambda.body().pos(),
          "Cannot infer the type of the lambda's result NULL: CAST it");
    }

    // Renumber the enclosing columns the body reads to follow the parameters.
    TreeSet<Integer> read = new TreeSet<>();
    body.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitInputRef(RexInputRef ref) {
        if (ref.getIndex() >= n) {
          read.add(ref.getIndex());
        }
        return null;
      }
    });
    Map<Integer, Integer> renumbered = new HashMap<>();
    List<Column> compact = new ArrayList<>(columns.subList(0, n));
    List<RexNode> captured = new ArrayList<>();
    for (int index : read) {
      renumbered.put(index, compact.size());
      compact.add(new Column("$" + compact.size(), columns.get(index).type()));
      captured.add(outerBuilder.column(index - n));
    }
    RexNode compactBody = body.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        Integer to = renumbered.get(ref.getIndex());
        return to == null ? ref : new RexInputRef(to, ref.getType());
      }
    });
    Evaluator evaluator = CompiledExpressions.compile(bodyBuilder.rexBuilder(),
        List.of(compactBody), new RowSchema(compact));
    return new Body(new CompiledLambda(n, captured.size(), evaluator), captured, type);
  }

  /** The enclosing scope, its column indexes moved past the lambda's parameters. */
  private record ShiftedScope(ColumnScope scope, int shift) implements ColumnScope {
    @Override
    public boolean hasSource(String source) {
      return scope.hasSource(source);
    }

    @Override
    public int indexOf(Optional<String> source, String name) {
      int i = scope.indexOf(source, name);
      return i < 0 ? i : i + shift;
    }
  }
}
