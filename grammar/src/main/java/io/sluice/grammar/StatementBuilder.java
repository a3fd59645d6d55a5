package io.sluice.grammar;

import io.sluice.grammar.SluiceSqlParser.*;
import io.sluice.grammar.ast.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/** Builds {@link Statement}s. One instance per parse (see {@link ExpressionBuilder}). */
final class StatementBuilder extends SluiceSqlBaseVisitor<Statement> {
  private final TypeBuilder types = new TypeBuilder();
  private final ExpressionBuilder expressions = new ExpressionBuilder(types);
  private final QueryBuilder queries = new QueryBuilder(expressions);

  Statement build(StatementContext ctx) {
    return ctx.accept(this);
  }

  ExpressionBuilder expressions() {
    return expressions;
  }

  TypeBuilder types() {
    return types;
  }

  @Override
  public Statement visitQueryStatement(QueryStatementContext ctx) {
    return queries.build(ctx.query());
  }

  // ------------------------------------------------------------------ DDL

  @Override
  public Statement visitCreate(CreateContext ctx) {
    Pos pos = Trees.pos(ctx);
    if (ctx.TYPE() != null) {
      return new CreateType(pos, Trees.identifier(ctx.identifier()), ctx.EXISTS() != null,
          types.build(ctx.type()));
    }
    SourceKind kind = ctx.STREAM() != null ? SourceKind.STREAM : SourceKind.TABLE;
    Identifier name = sourceName(ctx.sourceName());
    boolean orReplace = ctx.REPLACE() != null;
    boolean ifNotExists = ctx.EXISTS() != null;
    Map<String, Literal> properties = properties(ctx.properties());
    if (ctx.query() != null) {
      if (ctx.SOURCE() != null) {
        throw Trees.error(ctx.SOURCE().getSymbol(),
            "CREATE SOURCE " + kind + " cannot be used with AS SELECT");
      }
      if (ctx.columnDefinitions() != null) {
        throw Trees.error(ctx.columnDefinitions(),
            "CREATE " + kind + " AS SELECT takes no column list");
      }
      return new CreateAsSelect(pos, kind, name, orReplace, ifNotExists, properties,
          queries.build(ctx.query()));
    }
    List<ColumnDef> columns = new ArrayList<>();
    if (ctx.columnDefinitions() != null) {
      Set<String> names = new HashSet<>();
      for (ColumnDefinitionContext column : ctx.columnDefinitions().columnDefinition()) {
        ColumnDef def = column(column);
        if (kind == SourceKind.STREAM && def.kind() == ColumnDef.Kind.PRIMARY_KEY) {
          throw Trees.error(column.columnConstraint(), "column " + def.name().value()
              + " is a PRIMARY KEY column: please use KEY for streams");
        }
        if (kind == SourceKind.TABLE && def.kind() == ColumnDef.Kind.KEY) {
          throw Trees.error(column.columnConstraint(), "column " + def.name().value()
              + " is a KEY column: please use PRIMARY KEY for tables");
        }
        if (!names.add(def.name().value())) {
          throw Trees.error(column, "duplicate column " + def.name().value());
        }
        columns.add(def);
      }
    }
    return new CreateSource(pos, kind, name, orReplace, ifNotExists, ctx.SOURCE() != null,
        columns, properties);
  }

  private ColumnDef column(ColumnDefinitionContext ctx) {
    ColumnDef.Kind kind = ColumnDef.Kind.VALUE;
    Optional<String> headerKey = Optional.empty();
    ColumnConstraintContext constraint = ctx.columnConstraint();
    if (constraint instanceof PrimaryKeyColumnContext) {
      kind = ColumnDef.Kind.PRIMARY_KEY;
    } else if (constraint instanceof KeyColumnContext) {
      kind = ColumnDef.Kind.KEY;
    } else if (constraint instanceof HeadersColumnContext) {
      kind = ColumnDef.Kind.HEADERS;
    } else if (constraint instanceof HeaderColumnContext header) {
      kind = ColumnDef.Kind.HEADER;
      headerKey = Optional.of(Trees.string(header.STRING().getSymbol()));
    }
    return new ColumnDef(Trees.pos(ctx), Trees.identifier(ctx.identifier()),
        types.build(ctx.type()), kind, headerKey);
  }

  /** WITH properties: names upper-cased, values literals, duplicates rejected. */
  private Map<String, Literal> properties(PropertiesContext ctx) {
    Map<String, Literal> properties = new LinkedHashMap<>();
    if (ctx == null) {
      return properties;
    }
    for (PropertyContext property : ctx.property()) {
      String name = property.identifier() != null
          ? Trees.identifier(property.identifier()).value()
          : Trees.string(property.STRING().getSymbol());
      name = name.toUpperCase(Locale.ROOT);
      if (properties.containsKey(name)) {
        throw Trees.error(property, "duplicate property " + name);
      }
      properties.put(name, propertyValue(property.propertyValue()));
    }
    return properties;
  }

  private static Literal propertyValue(PropertyValueContext ctx) {
    Pos pos = Trees.pos(ctx);
    Token token = ctx.getStart();
    return switch (token.getType()) {
      case SluiceSqlLexer.STRING -> new StringLiteral(pos, Trees.string(token));
      case SluiceSqlLexer.TRUE -> new BooleanLiteral(pos, true);
      case SluiceSqlLexer.FALSE -> new BooleanLiteral(pos, false);
      case SluiceSqlLexer.NULL -> new NullLiteral(pos);
      case SluiceSqlLexer.MINUS -> ExpressionBuilder.number(pos, ctx.number().getStart(), true);
      default -> ExpressionBuilder.number(pos, token, false);
    };
  }

  @Override
  public Statement visitDrop(DropContext ctx) {
    if (ctx.TYPE() != null) {
      return new DropType(Trees.pos(ctx), Trees.identifier(ctx.identifier()),
          ctx.EXISTS() != null);
    }
    return new DropSource(Trees.pos(ctx),
        ctx.STREAM() != null ? SourceKind.STREAM : SourceKind.TABLE,
        sourceName(ctx.sourceName()), ctx.EXISTS() != null, ctx.DELETE() != null);
  }

  // ------------------------------------------------------------------ DML

  @Override
  public Statement visitInsert(InsertContext ctx) {
    Identifier target = sourceName(ctx.sourceName());
    if (ctx.query() != null) {
      return new InsertInto(Trees.pos(ctx), target, properties(ctx.properties()),
          queries.build(ctx.query()));
    }
    List<Identifier> columns = new ArrayList<>();
    if (ctx.columnList() != null) {
      Set<String> names = new HashSet<>();
      for (IdentifierContext column : ctx.columnList().identifier()) {
        Identifier name = Trees.identifier(column);
        if (!names.add(name.value())) {
          throw Trees.error(column, "duplicate column " + name.value());
        }
        columns.add(name);
      }
    }
    List<Expression> values = expressions.buildAll(ctx.expression());
    if (!columns.isEmpty() && columns.size() != values.size()) {
      throw Trees.error(ctx.VALUES().getSymbol(), "expected " + columns.size()
          + " values for the " + columns.size() + " columns listed, got " + values.size());
    }
    return new InsertValues(Trees.pos(ctx), target, columns, values);
  }

  // ------------------------------------------------------------------ metadata

  @Override
  public Statement visitShow(ShowContext ctx) {
    Show.What what = switch (ctx.getStop().getType() == SluiceSqlLexer.EXTENDED
        ? ctx.getChild(ctx.getChildCount() - 2).getText().toUpperCase(Locale.ROOT)
        : ctx.getStop().getText().toUpperCase(Locale.ROOT)) {
      case "STREAMS" -> Show.What.STREAMS;
      case "TABLES" -> Show.What.TABLES;
      case "QUERIES" -> Show.What.QUERIES;
      case "TOPICS" -> Show.What.TOPICS;
      case "FUNCTIONS" -> Show.What.FUNCTIONS;
      case "PROPERTIES" -> Show.What.PROPERTIES;
      case "VARIABLES" -> Show.What.VARIABLES;
      case "TYPES" -> Show.What.TYPES;
      default -> throw new IllegalStateException("unknown SHOW " + ctx.getText());
    };
    return new Show(Trees.pos(ctx), what, ctx.ALL() != null, ctx.EXTENDED() != null);
  }

  @Override
  public Statement visitDescribe(DescribeContext ctx) {
    Pos pos = Trees.pos(ctx);
    boolean extended = ctx.EXTENDED() != null;
    if (ctx.FUNCTION() != null) {
      return new DescribeFunction(pos, Trees.identifier(ctx.identifier()));
    } else if (ctx.sourceName() != null) {
      return new DescribeSource(pos, sourceName(ctx.sourceName()), extended);
    }
    return new DescribeSources(pos,
        ctx.STREAMS() != null ? SourceKind.STREAM : SourceKind.TABLE, extended);
  }

  @Override
  public Statement visitExplain(ExplainContext ctx) {
    if (ctx.statement() != null) {
      return new Explain(Trees.pos(ctx), build(ctx.statement()));
    }
    return new ExplainQueryId(Trees.pos(ctx), Trees.identifier(ctx.identifier()));
  }

  @Override
  public Statement visitTerminate(TerminateContext ctx) {
    return new Terminate(Trees.pos(ctx),
        Optional.ofNullable(ctx.identifier()).map(Trees::identifier));
  }

  @Override
  public Statement visitPrint(PrintContext ctx) {
    String topic;
    boolean quoted;
    if (ctx.STRING() != null) {
      topic = Trees.string(ctx.STRING().getSymbol());
      quoted = true;
    } else {
      Identifier name = Trees.identifier(ctx.identifier());
      quoted = name.quoted();
      topic = quoted ? name.value() : ctx.identifier().getText();
    }
    return new Print(Trees.pos(ctx), topic, quoted, ctx.BEGINNING() != null,
        ctx.interval == null ? OptionalInt.empty()
            : OptionalInt.of(positive(ctx.interval, "INTERVAL")),
        ctx.limit == null ? OptionalInt.empty()
            : OptionalInt.of(Trees.nonNegativeInt(ctx.limit, "LIMIT")));
  }

  private static int positive(Token token, String what) {
    int value = Trees.nonNegativeInt(token, what);
    if (value == 0) {
      throw Trees.error(token, what + " must be positive");
    }
    return value;
  }

  // ------------------------------------------------------------------ session

  @Override
  public Statement visitSetProperty(SetPropertyContext ctx) {
    return new SetProperty(Trees.pos(ctx), Trees.string(ctx.name), Trees.string(ctx.value));
  }

  @Override
  public Statement visitUnsetProperty(UnsetPropertyContext ctx) {
    return new UnsetProperty(Trees.pos(ctx), Trees.string(ctx.name));
  }

  @Override
  public Statement visitDefineVariable(DefineVariableContext ctx) {
    return new DefineVariable(Trees.pos(ctx), variableName(ctx.variableName()),
        Trees.string(ctx.STRING().getSymbol()));
  }

  @Override
  public Statement visitUndefineVariable(UndefineVariableContext ctx) {
    return new UndefineVariable(Trees.pos(ctx), variableName(ctx.variableName()));
  }

  private static String variableName(VariableNameContext ctx) {
    String name = ctx.getText();
    if (!Variables.isValidName(name)) {
      throw Trees.error(ctx, "invalid variable name '" + name
          + "': use a letter or underscore, then letters, digits or underscores");
    }
    return name;
  }

  private static Identifier sourceName(SourceNameContext ctx) {
    return Trees.identifier(ctx.identifier());
  }
}
