package io.sluice.engine.expr;

import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.ArithmeticBinary;
import io.sluice.grammar.ast.ArithmeticUnary;
import io.sluice.grammar.ast.ArrayConstructor;
import io.sluice.grammar.ast.Between;
import io.sluice.grammar.ast.BigintLiteral;
import io.sluice.grammar.ast.BooleanLiteral;
import io.sluice.grammar.ast.Cast;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Comparison;
import io.sluice.grammar.ast.Concat;
import io.sluice.grammar.ast.DecimalLiteral;
import io.sluice.grammar.ast.Dereference;
import io.sluice.grammar.ast.DoubleLiteral;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.FunctionCall;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.InList;
import io.sluice.grammar.ast.IntegerLiteral;
import io.sluice.grammar.ast.IntervalUnit;
import io.sluice.grammar.ast.IsDistinctFrom;
import io.sluice.grammar.ast.IsNull;
import io.sluice.grammar.ast.Lambda;
import io.sluice.grammar.ast.LambdaVariable;
import io.sluice.grammar.ast.Like;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.LogicalBinary;
import io.sluice.grammar.ast.MapConstructor;
import io.sluice.grammar.ast.Not;
import io.sluice.grammar.ast.NullLiteral;
import io.sluice.grammar.ast.SearchedCase;
import io.sluice.grammar.ast.SimpleCase;
import io.sluice.grammar.ast.StringLiteral;
import io.sluice.grammar.ast.StructConstructor;
import io.sluice.grammar.ast.Subscript;
import io.sluice.grammar.ast.Type;
import io.sluice.grammar.ast.WhenClause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Translates the grammar's expression AST ({@link Expression}) to Calcite {@link RexNode}s with
 * ksqlDB's semantics, through an {@link ExpressionBuilder}; the result is compiled by {@link
 * CompiledExpressions} over the builder's input row.
 *
 * <ul>
 *   <li>Column references are resolved by a {@link ColumnScope} to input columns of the builder's
 *       row; CAST target types by a type resolver (the catalog's {@code AstTypes}, which knows
 *       custom types), so this package does not depend on the catalog.
 *   <li>Number literals are typed by their form: INTEGER when the integer fits 32 bits, else
 *       BIGINT; DECIMAL with the written precision and scale; DOUBLE when written with an
 *       exponent.
 *   <li>{@code NOT BETWEEN}, {@code NOT IN} and {@code NOT LIKE} are {@code NOT} of the positive
 *       form, as ksqlDB parses them.
 *   <li>An {@link IntervalUnit} argument ({@code TIMESTAMPADD(SECONDS, 5, ts)}) is the STRING
 *       literal of its {@link java.util.concurrent.TimeUnit} name ({@code 'SECONDS'}, {@code
 *       'MILLISECONDS'}, {@code 'DAYS'}...): functions taking a unit are ordinary functions with a
 *       STRING parameter.
 *   <li>{@code f(*)} is a call of {@code f} without arguments.
 *   <li>The lambda functions TRANSFORM, FILTER and REDUCE are built by {@link LambdaCalls}; a
 *       lambda anywhere else is an error.
 * </ul>
 *
 * <p>Errors are {@link ExpressionTypeException}s positioned at the innermost node being
 * translated when the error arose (message {@code line L:C: reason}), with ksqlDB's reasons where
 * ksqlDB has one.
 *
 * <p>Not thread-safe (nor is the builder). One instance may translate any number of expressions.
 */
public final class AstExpressions {

  private static final SqlOperator ARITHMETIC_OPERAND = KsqlOperators.operator(
      "LAMBDA_ARITHMETIC_OPERAND", ReturnTypes.ARG0, MethodCallImplementor.of(
          KsqlOperators.method(LambdaRuntime.class, "arithmeticOperand", Object.class), false));

  private final ExpressionBuilder builder;
  private final ColumnScope scope;
  private final Function<Type, SqlType> types;
  private final String clause;
  /** Lambda parameters in scope: name to input column of {@link #builder}'s row. */
  private final Map<String, Integer> lambdaVariables;
  private final LambdaCalls lambdas;

  /**
   * @param builder builds the nodes over the input row the scope's indexes refer to
   * @param scope resolves column references
   * @param types resolves CAST target types (may throw {@link ExpressionTypeException} for an
   *     unknown custom type)
   */
  public AstExpressions(ExpressionBuilder builder, ColumnScope scope,
      Function<Type, SqlType> types) {
    this(builder, scope, types, "", Map.of());
  }

  AstExpressions(ExpressionBuilder builder, ColumnScope scope, Function<Type, SqlType> types,
      String clause, Map<String, Integer> lambdaVariables) {
    this.builder = Objects.requireNonNull(builder, "builder");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.types = Objects.requireNonNull(types, "types");
    this.clause = Objects.requireNonNull(clause, "clause");
    this.lambdaVariables = Map.copyOf(lambdaVariables);
    this.lambdas = new LambdaCalls(this);
  }

  /**
   * The same translator naming {@code clause} in messages about unknown columns, as ksqlDB does:
   * {@code SELECT column 'X' cannot be resolved.} for {@code withClause("SELECT")}.
   */
  public AstExpressions withClause(String clause) {
    return new AstExpressions(builder, scope, types, clause, lambdaVariables);
  }

  /** The builder the nodes are made with. */
  public ExpressionBuilder builder() {
    return builder;
  }

  ColumnScope scope() {
    return scope;
  }

  Function<Type, SqlType> types() {
    return types;
  }

  String clause() {
    return clause;
  }

  Map<String, Integer> lambdaVariables() {
    return lambdaVariables;
  }

  /**
   * {@code e} as a RexNode over the builder's input row.
   *
   * @throws ExpressionTypeException with the position of the offending node
   */
  public RexNode translate(Expression e) {
    try {
      return build(e);
    } catch (ExpressionTypeException x) {
      throw x.at(e.pos());
    }
  }

  /** Each of {@code es}, translated. */
  public List<RexNode> translate(List<? extends Expression> es) {
    List<RexNode> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(translate(e));
    }
    return out;
  }

  private RexNode build(Expression e) {
    if (e instanceof IntegerLiteral l) {
      return builder.literal(l.value());
    } else if (e instanceof BigintLiteral l) {
      return builder.literal(l.value());
    } else if (e instanceof DecimalLiteral l) {
      return builder.decimalLiteral(l.value().toPlainString());
    } else if (e instanceof DoubleLiteral l) {
      return builder.literal(l.value());
    } else if (e instanceof StringLiteral l) {
      return builder.literal(l.value());
    } else if (e instanceof BooleanLiteral l) {
      return builder.literal(l.value());
    } else if (e instanceof NullLiteral) {
      return builder.nullLiteral();
    } else if (e instanceof ColumnRef c) {
      return column(c);
    } else if (e instanceof LambdaVariable v) {
      Integer index = lambdaVariables.get(v.name().value());
      if (index == null) {
        throw new ExpressionTypeException(columnMessage(v.name().value()));
      }
      return builder.column(index);
    } else if (e instanceof ArithmeticUnary u) {
      return unary(u);
    } else if (e instanceof ArithmeticBinary b) {
      return builder.arithmetic(arithmetic(b.op()), arithmeticOperand(b.left()),
          arithmeticOperand(b.right()));
    } else if (e instanceof Concat c) {
      return builder.concat(translate(c.left()), translate(c.right()));
    } else if (e instanceof Comparison c) {
      Expression left = c.left();
      Expression right = c.right();
      if (PseudoTimestamps.isPseudoTimestamp(left)) {
        right = PseudoTimestamps.asEpochMillis(right);
      } else if (PseudoTimestamps.isPseudoTimestamp(right)) {
        left = PseudoTimestamps.asEpochMillis(left);
      }
      return builder.compare(comparison(c.op()), translate(left), translate(right));
    } else if (e instanceof LogicalBinary l) {
      RexNode left = translate(l.left());
      RexNode right = translate(l.right());
      return l.op() == LogicalBinary.Op.AND ? builder.and(left, right) : builder.or(left, right);
    } else if (e instanceof Not n) {
      return builder.not(translate(n.operand()));
    } else if (e instanceof Between b) {
      boolean pseudo = PseudoTimestamps.isPseudoTimestamp(b.value());
      RexNode between = builder.between(translate(b.value()),
          translate(pseudo ? PseudoTimestamps.asEpochMillis(b.lower()) : b.lower()),
          translate(pseudo ? PseudoTimestamps.asEpochMillis(b.upper()) : b.upper()));
      return b.negated() ? builder.not(between) : between;
    } else if (e instanceof InList in) {
      RexNode r = builder.in(translate(in.value()), translate(in.list()));
      return in.negated() ? builder.not(r) : r;
    } else if (e instanceof Like l) {
      RexNode r = builder.like(translate(l.value()), translate(l.pattern()),
          l.escape().orElse(null));
      return l.negated() ? builder.not(r) : r;
    } else if (e instanceof IsNull n) {
      RexNode v = translate(n.value());
      return n.negated() ? builder.isNotNull(v) : builder.isNull(v);
    } else if (e instanceof IsDistinctFrom d) {
      RexNode left = translate(d.left());
      RexNode right = translate(d.right());
      return d.negated()
          ? builder.isNotDistinctFrom(left, right) : builder.isDistinctFrom(left, right);
    } else if (e instanceof SearchedCase c) {
      return builder.searchedCase(conditions(c.whens()), results(c.whens()),
          c.elseValue().map(this::translate).orElse(null));
    } else if (e instanceof SimpleCase c) {
      return builder.simpleCase(translate(c.operand()), conditions(c.whens()),
          results(c.whens()), c.elseValue().map(this::translate).orElse(null));
    } else if (e instanceof Cast c) {
      RexNode value = translate(c.expression());
      SqlType target;
      try {
        target = types.apply(c.type());
      } catch (ExpressionTypeException x) {
        throw x.at(c.type().pos());
      }
      return builder.cast(value, target);
    } else if (e instanceof ArrayConstructor a) {
      return builder.array(translate(a.elements()));
    } else if (e instanceof MapConstructor m) {
      return builder.map(
          translate(m.entries().stream().map(MapConstructor.Entry::key).toList()),
          translate(m.entries().stream().map(MapConstructor.Entry::value).toList()));
    } else if (e instanceof StructConstructor s) {
      if (s.fields().isEmpty()) {
        throw new ExpressionTypeException("STRUCT constructor needs at least one field");
      }
      return builder.struct(
          s.fields().stream().map(f -> f.name().value()).toList(),
          translate(s.fields().stream().map(StructConstructor.Field::value).toList()));
    } else if (e instanceof Subscript s) {
      return builder.subscript(translate(s.base()), translate(s.index()));
    } else if (e instanceof Dereference d) {
      RexNode base = translate(d.base());
      try {
        return builder.field(base, d.field().value());
      } catch (ExpressionTypeException x) {
        throw x.at(d.field().pos());
      }
    } else if (e instanceof FunctionCall f) {
      return call(f);
    } else if (e instanceof Lambda) {
      throw new ExpressionTypeException(
          "A lambda can only be an argument of " + LambdaCalls.FUNCTIONS);
    } else if (e instanceof IntervalUnit u) {
      return builder.literal(u.unit().name());
    }
    throw new IllegalStateException("unknown expression " + e.getClass().getName());
  }

  private RexNode column(ColumnRef c) {
    String name = c.name().value();
    if (c.source().isPresent()) {
      Identifier source = c.source().get();
      if (!scope.hasSource(source.value())) {
        throw new ExpressionTypeException(source.pos(),
            "'" + source.value() + "' is not a valid stream/table name or alias.");
      }
      name = source.value() + "." + name;
    }
    int index = scope.indexOf(c.source().map(Identifier::value), c.name().value());
    if (index < 0) {
      throw new ExpressionTypeException(columnMessage(name));
    }
    return builder.column(index);
  }

  /** ksqlDB's message for an unknown column, naming the clause when known. */
  String columnMessage(String name) {
    return (clause.isEmpty() ? "Column" : clause + " column") + " '" + name
        + "' cannot be resolved.";
  }

  /**
   * An operand of arithmetic. Inside a lambda body a null operand fails the lambda's call, as in
   * ksqlDB (see {@link LambdaRuntime#arithmeticOperand}); elsewhere ksqlDB's failure and SQL's
   * null result both give a NULL projection, and the builder's null result is kept.
   */
  private RexNode arithmeticOperand(Expression e) {
    RexNode operand = translate(e);
    if (lambdaVariables.isEmpty() || e instanceof Literal
        || builder.typeOrNull(operand) == null) {
      return operand;
    }
    return builder.rexBuilder().makeCall(operand.getType(), ARITHMETIC_OPERAND, List.of(operand));
  }

  private RexNode unary(ArithmeticUnary u) {
    RexNode operand = arithmeticOperand(u.operand());
    if (u.sign() == ArithmeticUnary.Sign.MINUS) {
      return builder.negate(operand);
    }
    SqlType t = builder.typeOrNull(operand);
    if (t == null || !t.baseType().isNumber()) {
      throw new ExpressionTypeException("Unsupported arithmetic type for unary plus: "
          + (t == null ? "NULL" : t));
    }
    return operand;
  }

  private RexNode call(FunctionCall f) {
    String name = f.name().value();
    if (LambdaCalls.isLambdaFunction(name)) {
      return lambdas.call(f);
    }
    for (Expression a : f.arguments()) {
      if (a instanceof Lambda l) {
        throw new ExpressionTypeException(l.pos(), "Function '" + name
            + "' does not take a lambda: only " + LambdaCalls.FUNCTIONS + " do");
      }
    }
    return builder.call(name, translate(f.arguments()));
  }

  private List<RexNode> conditions(List<WhenClause> whens) {
    return translate(whens.stream().map(WhenClause::condition).toList());
  }

  private List<RexNode> results(List<WhenClause> whens) {
    return translate(whens.stream().map(WhenClause::result).toList());
  }

  private static ExpressionBuilder.Arithmetic arithmetic(ArithmeticBinary.Op op) {
    return switch (op) {
      case ADD -> ExpressionBuilder.Arithmetic.ADD;
      case SUBTRACT -> ExpressionBuilder.Arithmetic.SUBTRACT;
      case MULTIPLY -> ExpressionBuilder.Arithmetic.MULTIPLY;
      case DIVIDE -> ExpressionBuilder.Arithmetic.DIVIDE;
      case MODULUS -> ExpressionBuilder.Arithmetic.MODULUS;
    };
  }

  private static ExpressionBuilder.Comparison comparison(Comparison.Op op) {
    return switch (op) {
      case EQUAL -> ExpressionBuilder.Comparison.EQUAL;
      case NOT_EQUAL -> ExpressionBuilder.Comparison.NOT_EQUAL;
      case LESS_THAN -> ExpressionBuilder.Comparison.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> ExpressionBuilder.Comparison.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> ExpressionBuilder.Comparison.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> ExpressionBuilder.Comparison.GREATER_THAN_OR_EQUAL;
    };
  }
}
