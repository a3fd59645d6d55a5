package io.sluice.grammar;

import io.sluice.grammar.SluiceSqlParser.*;
import io.sluice.grammar.ast.*;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds {@link Expression}s from expression parse trees. Not thread-safe (it tracks the lambda
 * parameters in scope); one instance per parse.
 */
final class ExpressionBuilder extends SluiceSqlBaseVisitor<Expression> {
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final TypeBuilder types;
  /** Names of the lambda parameters in scope, innermost lambda first. */
  private final Deque<Set<String>> lambdaScopes = new ArrayDeque<>();

  ExpressionBuilder(TypeBuilder types) {
    this.types = types;
  }

  Expression build(ExpressionContext ctx) {
    return ctx.accept(this);
  }

  /** Builds each of {@code contexts} (expressions or value expressions), in order. */
  List<Expression> buildAll(List<? extends ParserRuleContext> contexts) {
    List<Expression> result = new ArrayList<>(contexts.size());
    for (ParserRuleContext ctx : contexts) {
      result.add(ctx.accept(this));
    }
    return result;
  }

  @Override
  public Expression visitExpression(ExpressionContext ctx) {
    return ctx.booleanExpression().accept(this);
  }

  // ------------------------------------------------------------------ boolean expressions

  @Override
  public Expression visitLogicalNot(LogicalNotContext ctx) {
    return new Not(Trees.pos(ctx), ctx.booleanExpression().accept(this));
  }

  @Override
  public Expression visitLogicalAnd(LogicalAndContext ctx) {
    return new LogicalBinary(Trees.pos(ctx), LogicalBinary.Op.AND,
        ctx.left.accept(this), ctx.right.accept(this));
  }

  @Override
  public Expression visitLogicalOr(LogicalOrContext ctx) {
    return new LogicalBinary(Trees.pos(ctx), LogicalBinary.Op.OR,
        ctx.left.accept(this), ctx.right.accept(this));
  }

  @Override
  public Expression visitPredicated(PredicatedContext ctx) {
    Expression value = ctx.valueExpression().accept(this);
    PredicateContext predicate = ctx.predicate();
    if (predicate == null) {
      return value;
    }
    Pos pos = Trees.pos(ctx);
    boolean not = predicate.getToken(SluiceSqlLexer.NOT, 0) != null;
    if (predicate instanceof ComparisonContext c) {
      return new Comparison(pos, comparisonOp(c.comparisonOperator().getStart()), value,
          c.right.accept(this));
    } else if (predicate instanceof RangeInLikeContext p && p.BETWEEN() != null) {
      return new Between(pos, value, p.lower.accept(this), p.upper.accept(this), not);
    } else if (predicate instanceof RangeInLikeContext p && p.IN() != null) {
      return new InList(pos, value, buildAll(p.expression()), not);
    } else if (predicate instanceof RangeInLikeContext like) {
      Optional<Character> escape = Optional.empty();
      if (like.escape != null) {
        String text = Trees.string(like.escape);
        if (text.length() != 1) {
          throw Trees.error(like.escape, "ESCAPE must be a single character");
        }
        escape = Optional.of(text.charAt(0));
      }
      return new Like(pos, value, like.pattern.accept(this), escape, not);
    }
    IsContext is = (IsContext) predicate;
    return is.NULL() != null ? new IsNull(pos, value, not)
        : new IsDistinctFrom(pos, value, is.right.accept(this), not);
  }

  private static Comparison.Op comparisonOp(Token token) {
    return switch (token.getType()) {
      case SluiceSqlLexer.EQ -> Comparison.Op.EQUAL;
      case SluiceSqlLexer.NEQ -> Comparison.Op.NOT_EQUAL;
      case SluiceSqlLexer.LT -> Comparison.Op.LESS_THAN;
      case SluiceSqlLexer.LTE -> Comparison.Op.LESS_THAN_OR_EQUAL;
      case SluiceSqlLexer.GT -> Comparison.Op.GREATER_THAN;
      case SluiceSqlLexer.GTE -> Comparison.Op.GREATER_THAN_OR_EQUAL;
      default -> throw new IllegalStateException("not a comparison: " + token.getText());
    };
  }

  // ------------------------------------------------------------------ value expressions

  @Override
  public Expression visitArithmeticUnary(ArithmeticUnaryContext ctx) {
    Pos pos = Trees.pos(ctx);
    boolean minus = ctx.op.getType() == SluiceSqlLexer.MINUS;
    if (minus && ctx.valueExpression() instanceof ValueDefaultContext v
        && v.primaryExpression() instanceof LiteralExpressionContext l
        && l.literal() instanceof NumericLiteralContext n) {
      return number(pos, n.number().getStart(), true);
    }
    return new ArithmeticUnary(pos, minus ? ArithmeticUnary.Sign.MINUS : ArithmeticUnary.Sign.PLUS,
        ctx.valueExpression().accept(this));
  }

  @Override
  public Expression visitArithmeticMultiplicative(ArithmeticMultiplicativeContext ctx) {
    ArithmeticBinary.Op op = switch (ctx.op.getType()) {
      case SluiceSqlLexer.ASTERISK -> ArithmeticBinary.Op.MULTIPLY;
      case SluiceSqlLexer.SLASH -> ArithmeticBinary.Op.DIVIDE;
      default -> ArithmeticBinary.Op.MODULUS;
    };
    return new ArithmeticBinary(Trees.pos(ctx), op, ctx.left.accept(this),
        ctx.right.accept(this));
  }

  @Override
  public Expression visitArithmeticAdditive(ArithmeticAdditiveContext ctx) {
    ArithmeticBinary.Op op = ctx.op.getType() == SluiceSqlLexer.PLUS
        ? ArithmeticBinary.Op.ADD : ArithmeticBinary.Op.SUBTRACT;
    return new ArithmeticBinary(Trees.pos(ctx), op, ctx.left.accept(this),
        ctx.right.accept(this));
  }

  @Override
  public Expression visitConcatenation(ConcatenationContext ctx) {
    return new Concat(Trees.pos(ctx), ctx.left.accept(this),
        ctx.right.accept(this));
  }

  @Override
  public Expression visitValueDefault(ValueDefaultContext ctx) {
    return ctx.primaryExpression().accept(this);
  }

  // ------------------------------------------------------------------ primary expressions

  @Override
  public Expression visitLiteralExpression(LiteralExpressionContext ctx) {
    return literal(ctx.literal());
  }

  /** A literal; also used for WITH property values. */
  Literal literal(LiteralContext ctx) {
    Pos pos = Trees.pos(ctx);
    if (ctx instanceof NullLiteralContext) {
      return new NullLiteral(pos);
    } else if (ctx instanceof BooleanLiteralContext) {
      return new BooleanLiteral(pos, ctx.getStart().getType() == SluiceSqlLexer.TRUE);
    } else if (ctx instanceof StringLiteralContext) {
      return new StringLiteral(pos, Trees.string(ctx.getStart()));
    }
    return number(pos, ctx.getStart(), false);
  }

  /** A number literal, negated when {@code negative} (then {@code pos} is the minus sign's). */
  static Literal number(Pos pos, Token token, boolean negative) {
    String text = token.getText();
    switch (token.getType()) {
      case SluiceSqlLexer.INTEGER_VALUE: {
        BigInteger value = new BigInteger(text);
        if (negative) {
          value = value.negate();
        }
        if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) {
          return new IntegerLiteral(pos, value.intValue());
        }
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
          return new BigintLiteral(pos, value.longValue());
        }
        throw new SqlSyntaxException(pos, text, "integer literal out of BIGINT range: "
            + (negative ? "-" : "") + text);
      }
      case SluiceSqlLexer.DECIMAL_VALUE: {
        BigDecimal value = new BigDecimal(text);
        return new DecimalLiteral(pos, negative ? value.negate() : value);
      }
      default: {
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
          throw new SqlSyntaxException(pos, text, "DOUBLE literal out of range: " + text);
        }
        return new DoubleLiteral(pos, negative ? -value : value);
      }
    }
  }

  @Override
  public Expression visitParenthesized(ParenthesizedContext ctx) {
    return build(ctx.expression());
  }

  @Override
  public Expression visitColumn(ColumnContext ctx) {
    Identifier name = Trees.identifier(ctx.identifier());
    for (Set<String> scope : lambdaScopes) {
      if (scope.contains(name.value())) {
        return new LambdaVariable(Trees.pos(ctx), name);
      }
    }
    return new ColumnRef(Trees.pos(ctx), Optional.empty(), name);
  }

  @Override
  public Expression visitQualifiedColumn(QualifiedColumnContext ctx) {
    return new ColumnRef(Trees.pos(ctx), Optional.of(Trees.identifier(ctx.source)),
        Trees.identifier(ctx.column));
  }

  @Override
  public Expression visitSubscript(SubscriptContext ctx) {
    return new Subscript(Trees.pos(ctx), ctx.base.accept(this),
        ctx.index.accept(this));
  }

  @Override
  public Expression visitDereference(DereferenceContext ctx) {
    return new Dereference(Trees.pos(ctx), ctx.base.accept(this),
        Trees.identifier(ctx.field));
  }

  @Override
  public Expression visitCase(CaseContext ctx) {
    Optional<Expression> elseValue = Optional.ofNullable(ctx.elseValue).map(this::build);
    if (ctx.operand != null) {
      return new SimpleCase(Trees.pos(ctx), build(ctx.operand), whens(ctx.whenClause()),
          elseValue);
    }
    return new SearchedCase(Trees.pos(ctx), whens(ctx.whenClause()), elseValue);
  }

  private List<WhenClause> whens(List<WhenClauseContext> contexts) {
    List<WhenClause> whens = new ArrayList<>();
    for (WhenClauseContext when : contexts) {
      whens.add(new WhenClause(Trees.pos(when), build(when.condition), build(when.result)));
    }
    return whens;
  }

  @Override
  public Expression visitCast(CastContext ctx) {
    return new Cast(Trees.pos(ctx), build(ctx.expression()), types.build(ctx.type()));
  }

  @Override
  public Expression visitArrayConstructor(ArrayConstructorContext ctx) {
    return new ArrayConstructor(Trees.pos(ctx), buildAll(ctx.expression()));
  }

  @Override
  public Expression visitMapConstructor(MapConstructorContext ctx) {
    List<MapConstructor.Entry> entries = new ArrayList<>();
    for (MapEntryContext entry : ctx.mapEntry()) {
      entries.add(new MapConstructor.Entry(build(entry.key), build(entry.value)));
    }
    return new MapConstructor(Trees.pos(ctx), entries);
  }

  @Override
  public Expression visitStructConstructor(StructConstructorContext ctx) {
    List<StructConstructor.Field> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (StructFieldContext field : ctx.structField()) {
      Identifier name = Trees.identifier(field.identifier());
      if (!names.add(name.value())) {
        throw Trees.error(field, "duplicate struct field " + name.value());
      }
      fields.add(new StructConstructor.Field(name, build(field.expression())));
    }
    return new StructConstructor(Trees.pos(ctx), fields);
  }

  @Override
  public Expression visitFunctionCall(FunctionCallContext ctx) {
    List<Expression> arguments = new ArrayList<>();
    for (FunctionArgumentContext argument : ctx.functionArgument()) {
      arguments.add(argument.accept(this));
    }
    return new FunctionCall(Trees.pos(ctx), Trees.identifier(ctx.identifier()), arguments,
        ctx.ASTERISK() != null);
  }

  // ------------------------------------------------------------------ function arguments

  @Override
  public Expression visitTimeUnitArgument(TimeUnitArgumentContext ctx) {
    return new IntervalUnit(Trees.pos(ctx), Trees.timeUnit(ctx.timeUnit()));
  }

  @Override
  public Expression visitExpressionArgument(ExpressionArgumentContext ctx) {
    return build(ctx.expression());
  }

  @Override
  public Expression visitSingleParamLambda(SingleParamLambdaContext ctx) {
    return lambda(Trees.pos(ctx), List.of(ctx.identifier()), ctx.expression());
  }

  @Override
  public Expression visitMultiParamLambda(MultiParamLambdaContext ctx) {
    return lambda(Trees.pos(ctx), ctx.identifier(), ctx.expression());
  }

  private Expression lambda(Pos pos, List<IdentifierContext> parameterContexts,
      ExpressionContext body) {
    List<Identifier> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (IdentifierContext parameter : parameterContexts) {
      Identifier name = Trees.identifier(parameter);
      if (!names.add(name.value())) {
        throw Trees.error(parameter, "duplicate lambda parameter " + name.value());
      }
      parameters.add(name);
    }
    lambdaScopes.push(names);
    try {
      return new Lambda(pos, parameters, build(body));
    } finally {
      lambdaScopes.pop();
    }
  }
}
