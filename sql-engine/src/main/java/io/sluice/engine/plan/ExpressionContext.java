package io.sluice.engine.plan;

import io.sluice.engine.catalog.AstTypes;
import io.sluice.engine.expr.AstExpressions;
import io.sluice.engine.expr.ColumnScope;
import io.sluice.engine.expr.ExpressionBuilder;
import io.sluice.engine.expr.ExpressionTypeException;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.FunctionCall;
import io.sluice.grammar.ast.Type;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * What the planner needs from the expression layer: AST expressions as typed RexNodes over a
 * row ({@link AstExpressions}), with the engine's function registry and the catalog's custom
 * types, and table function calls resolved for the flat-map stage. Thread-safe (each call makes
 * its own builder).
 */
public final class ExpressionContext {

  /** A table function call: its arguments over the row, its element type and its method. */
  public record TableCall(String name, List<RexNode> arguments, SqlType elementType,
      MethodHandle function) {}

  private final FunctionRegistry functions;
  private final Function<Type, SqlType> types;

  /**
   * @param functions the function registry
   * @param customTypes the catalog's custom types by canonical name
   */
  public ExpressionContext(FunctionRegistry functions,
      Function<String, Optional<SqlType>> customTypes) {
    this.functions = functions;
    this.types = t -> AstTypes.toSqlType(t, customTypes);
  }

  public FunctionRegistry functions() {
    return functions;
  }

  /** A fresh RexBuilder with Sluice's type system. */
  public RexBuilder newRexBuilder() {
    return SluiceTypeSystem.newRexBuilder();
  }

  /**
   * {@code e} over {@code row} (columns resolved by {@code scope}).
   *
   * @param clause the clause, for messages ({@code SELECT column 'X' cannot be resolved.})
   * @throws PlanException positioned, when the expression is not valid
   */
  public RexNode translate(RexBuilder rex, RowSchema row, ColumnScope scope, Expression e,
      String clause) {
    try {
      return translator(rex, row, scope).withClause(clause).translate(e);
    } catch (ExpressionTypeException x) {
      throw new PlanException(x.pos().orElse(e.pos()), x.reason(), x);
    }
  }

  /** The ksqlDB type of a node, or null for an untyped NULL. */
  public SqlType typeOf(RexBuilder rex, RowSchema row, RexNode node) {
    return new ExpressionBuilder(rex, row, functions).typeOrNull(node);
  }

  /** Whether {@code e} is a call of a table function (EXPLODE, ...). */
  public boolean isTableFunction(Expression e) {
    return e instanceof FunctionCall call && functions.isTableFunction(call.name().value());
  }

  /**
   * The values of constant expressions (no column references), each converted to its target
   * type as ksqlDB converts INSERT ... VALUES: an implicit widening, or a CAST of a string, else
   * an error naming the column.
   *
   * @param names the target columns' names, for messages
   * @throws PlanException when a value does not fit its column
   */
  public Object[] constants(List<? extends Expression> values, List<SqlType> targets,
      List<String> names) {
    RexBuilder rex = newRexBuilder();
    RowSchema empty = RowSchema.builder().build();
    ExpressionBuilder x = new ExpressionBuilder(rex, empty, functions);
    AstExpressions t = new AstExpressions(x, new io.sluice.engine.expr.RowSchemaScope(empty),
        types);
    java.util.ArrayList<RexNode> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Expression e = values.get(i);
      RexNode node;
      try {
        node = t.translate(e);
      } catch (ExpressionTypeException ex) {
        throw new PlanException(ex.pos().orElse(e.pos()), ex.reason(), ex);
      }
      SqlType type = x.typeOrNull(node);
      SqlType target = targets.get(i);
      if (type == null) {
        node = x.nullLiteral(target);
      } else if (!type.equals(target)) {
        if (!SqlType.canImplicitlyCast(type, target)
            && type.baseType() != io.sluice.engine.types.SqlBaseType.STRING) {
          throw new PlanException(e.pos(), "Expected type " + target + " for field "
              + names.get(i) + " but got " + type + ": write a value of that type or CAST it");
        }
        node = x.cast(node, target);
      }
      nodes.add(node);
    }
    try {
      return io.sluice.engine.expr.CompiledExpressions.compile(rex, nodes, empty)
          .evaluate(new Object[0]);
    } catch (RuntimeException ex) {
      throw new PlanException(values.isEmpty() ? null : values.get(0).pos(),
          "Cannot evaluate the VALUES: " + ex.getMessage(), ex);
    }
  }

  /**
   * A table function call (a SELECT item): its arguments translated over {@code row} and
   * converted to the chosen overload's parameter types.
   *
   * @throws PlanException when the function or its arguments are not valid
   */
  public TableCall tableFunction(RexBuilder rex, RowSchema row, ColumnScope scope,
      Expression e) {
    FunctionCall call = (FunctionCall) e;
    ExpressionBuilder x = new ExpressionBuilder(rex, row, functions);
    AstExpressions t = new AstExpressions(x, scope, types).withClause("SELECT");
    java.util.ArrayList<RexNode> args = new java.util.ArrayList<>();
    java.util.ArrayList<SqlType> argTypes = new java.util.ArrayList<>();
    try {
      for (Expression a : call.arguments()) {
        RexNode r = t.translate(a);
        args.add(r);
        argTypes.add(x.typeOrNull(r));
      }
    } catch (ExpressionTypeException ex) {
      throw new PlanException(ex.pos().orElse(e.pos()), ex.reason(), ex);
    }
    FunctionRegistry.Resolved resolved;
    try {
      resolved = functions.resolveTableFunction(call.name().value(), argTypes);
    } catch (RuntimeException ex) {
      throw new PlanException(e.pos(), ex.getMessage(), ex);
    }
    for (int i = 0; i < args.size(); i++) {
      SqlType want = resolved.argumentTypes().get(i);
      if (argTypes.get(i) == null) {
        args.set(i, x.nullLiteral(want));
      } else if (!argTypes.get(i).equals(want)) {
        args.set(i, x.cast(args.get(i), want));
      }
    }
    try {
      MethodHandle handle = java.lang.invoke.MethodHandles.publicLookup()
          .unreflect(resolved.signature().method());
      return new TableCall(resolved.signature().name(), List.copyOf(args),
          resolved.returnType(), handle);
    } catch (IllegalAccessException ex) {
      throw new IllegalStateException("table function not accessible: "
          + resolved.signature().method(), ex);
    }
  }

  private AstExpressions translator(RexBuilder rex, RowSchema row, ColumnScope scope) {
    return new AstExpressions(new ExpressionBuilder(rex, row, functions), scope, types);
  }
}
