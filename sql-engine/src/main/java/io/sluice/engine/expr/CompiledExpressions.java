package io.sluice.engine.expr;

import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.ClassDeclarationFinder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MemberDeclaration;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.CompilerFactoryFactory;
import org.codehaus.commons.compiler.ISimpleCompiler;

/**
 * Compiles Calcite expressions over an input row to bytecode, once, so that the per-record path
 * runs generated code and no interpreter.
 *
 * <p>How: the expressions are simplified and constant-folded ({@link ExpressionSimplifier}: {@code
 * RexSimplify} and {@code RexExecutorImpl}), put in one {@link RexProgram} (which shares common
 * subexpressions between the condition and the projections), and translated by Calcite's {@link
 * RexToLixTranslator} (the code generator behind Calcite's Enumerable convention and its
 * RexExecutor) to a linq4j expression tree. Its input getter reads column {@code i} as {@code
 * (JavaClass) in[i]} straight from the method's {@code Object[]} parameter: no {@code
 * DataContext.get("inputRecord")} map lookup per record (as {@code RexExecutorImpl.getExecutable}
 * does) and no per-record allocation beyond the values themselves. Constant parts of the tree
 * (DECIMAL literals, compiled LIKE patterns, struct field-name lists) are hoisted to static final
 * fields by linq4j's {@link ClassDeclarationFinder}. The class implementing {@link
 * GeneratedExpressions} is compiled by Janino, once per distinct expressions over an input type
 * (a bounded cache): literals a condition compares a column with are parameters of the class
 * ({@link ConditionParameters}), and projections that are only literals need no class at all, so
 * statements planned again and again (pull queries by key, INSERT VALUES) do not compile each time.
 *
 * <p>Input columns are {@link RexInputRef}s whose types are the input {@link RowSchema}'s. Build
 * the expressions with {@link ExpressionBuilder} to get ksqlDB's semantics.
 */
public final class CompiledExpressions {

  private static final AtomicLong CLASS_COUNTER = new AtomicLong();
  private static final SqlConformance CONFORMANCE = SqlConformanceEnum.DEFAULT;

  private CompiledExpressions() {}

  /** Compiles projections (no condition). */
  public static Evaluator compile(RexBuilder rexBuilder, List<RexNode> projections,
      RowSchema input) {
    return compile(rexBuilder, projections, null, input, ExpressionErrorListener.IGNORE);
  }

  /** Compiles projections and a condition ({@code null} for none). */
  public static Evaluator compile(RexBuilder rexBuilder, List<RexNode> projections,
      RexNode condition, RowSchema input) {
    return compile(rexBuilder, projections, condition, input, ExpressionErrorListener.IGNORE);
  }

  /**
   * Compiles projections and a condition ({@code null} for none) over rows of {@code input}.
   *
   * @param errors told about per-record evaluation failures
   * @throws IllegalArgumentException if an expression reads a column that is not in {@code input}
   *     or reads it with another type, or a projection is an untyped NULL
   */
  public static Evaluator compile(RexBuilder rexBuilder, List<RexNode> projections,
      RexNode condition, RowSchema input, ExpressionErrorListener errors) {
    JavaTypeFactory typeFactory = rexBuilder.getTypeFactory() instanceof JavaTypeFactory j
        ? j : new JavaTypeFactoryImpl(rexBuilder.getTypeFactory().getTypeSystem());
    RelDataType inputRowType = input.toRelDataType(typeFactory);
    for (RexNode p : projections) {
      checkInputs(p, input);
      if (p.getType().getSqlTypeName() == SqlTypeName.NULL) {
        throw new IllegalArgumentException("untyped NULL projection: CAST it to a type");
      }
    }
    if (condition != null) {
      checkInputs(condition, input);
    }

    // 1. Simplify and fold constants.
    ExpressionSimplifier simplifier = new ExpressionSimplifier(rexBuilder);
    List<RexNode> simplified = new ArrayList<>(projections.size());
    for (RexNode p : projections) {
      simplified.add(simplifier.simplifyProjection(p));
    }
    RexNode cond = condition == null ? null : simplifier.simplifyCondition(condition);
    if (cond != null && cond.isAlwaysTrue()) {
      cond = null;
    }

    // Only literals of plain types (INSERT VALUES, a pull query's key): no code to generate.
    Object[] constants = cond == null ? plainLiterals(simplified) : null;
    if (constants != null) {
      List<SqlType> types = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (RexNode p : simplified) {
        types.add(SqlType.fromRelDataType(p.getType()));
        texts.add(p.toString());
      }
      return new Evaluator(new Constants(constants), types, texts, null,
          "constants " + texts, errors);
    }

    // Literals the condition compares columns with become parameters (ConditionParameters).
    ConditionParameters.Parameterized params = ConditionParameters.of(cond, input.size());
    RelDataType programRowType = params.isEmpty() ? inputRowType
        : params.extend(inputRowType, typeFactory);
    List<Class<?>> paramClasses = new ArrayList<>();
    params.types().forEach(t -> paramClasses.add(ConditionParameters.javaClass(t)));

    // 2.-4. Code generation and compilation, once per distinct expressions over an input type.
    ClassCache.Compiled compiled = COMPILED.get(
        key(input, programRowType, simplified, params.condition()), () -> {
          // 2. One program: common subexpressions computed once.
          RexProgram program = program(programRowType, rexBuilder, simplified,
              params.condition());
          // 3. Code generation.
          String className = "SluiceExpressions" + CLASS_COUNTER.incrementAndGet();
          String source = generate(className, typeFactory, rexBuilder, programRowType, input,
              paramClasses, program, simplified);
          // 4. Compilation.
          return new ClassCache.Compiled(load(className, source), source);
        });
    GeneratedExpressions code = compiled.instance(params.values());
    String source = compiled.source();
    List<SqlType> types = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (RexNode p : simplified) {
      types.add(SqlType.fromRelDataType(p.getType()));
      texts.add(p.toString());
    }
    return new Evaluator(code, types, texts, cond == null ? null : cond.toString(), source,
        errors);
  }

  private static RexProgram program(RelDataType inputRowType, RexBuilder rexBuilder,
      List<RexNode> projections, RexNode condition) {
    RexProgramBuilder builder = new RexProgramBuilder(inputRowType, rexBuilder);
    for (int i = 0; i < projections.size(); i++) {
      builder.addProject(projections.get(i), "P" + i);
    }
    if (condition != null) {
      builder.addCondition(condition);
    }
    return builder.getProgram(false);
  }

  /** The generated classes' field holding the condition's parameter values. */
  private static final String PARAMETERS = "parameters";

  private static String generate(String className, JavaTypeFactory typeFactory,
      RexBuilder rexBuilder, RelDataType inputRowType, RowSchema input, List<Class<?>> parameterClasses,
      RexProgram program, List<RexNode> projections) {
    ParameterExpression in = Expressions.parameter(Object[].class, "in");
    ParameterExpression out = Expressions.parameter(Object[].class, "out");
    ParameterExpression index = Expressions.parameter(int.class, "index");
    ParameterExpression parameters = Expressions.parameter(Object[].class, PARAMETERS);
    int n = input.size();
    RexToLixTranslator.InputGetter getter = (list, i, storageType) -> {
      // columns past the row's are the condition's parameters, never null
      Class<?> javaType = i < n ? input.column(i).type().javaType()
          : parameterClasses.get(i - n);
      Expression value = i < n ? Expressions.arrayIndex(in, Expressions.constant(i))
          : Expressions.arrayIndex(parameters, Expressions.constant(i - n));
      Expression typed = Expressions.convert_(value, javaType);
      if (storageType == null || storageType == javaType) {
        return typed;
      }
      return EnumUtils.convert(typed, storageType);
    };
    List<MemberDeclaration> members = new ArrayList<>();
    members.add(Expressions.fieldDecl(Modifier.PUBLIC, parameters, null));

    // boolean test(Object[] in)
    BlockBuilder test = new BlockBuilder();
    if (program.getCondition() == null) {
      test.add(Expressions.return_(null, Expressions.constant(true)));
    } else {
      Expression c = RexToLixTranslator.translateCondition(
          program, typeFactory, test, getter, null, CONFORMANCE);
      test.add(Expressions.return_(null, c));
    }
    members.add(Expressions.methodDecl(Modifier.PUBLIC, boolean.class, "test", List.of(in),
        test.toBlock()));

    // void project(Object[] in, Object[] out)
    BlockBuilder project = new BlockBuilder();
    List<Expression> values = RexToLixTranslator.translateProjects(program, typeFactory,
        CONFORMANCE, project, null, null, DataContext.ROOT, getter, null);
    for (int i = 0; i < values.size(); i++) {
      project.add(Expressions.statement(Expressions.assign(
          Expressions.arrayIndex(out, Expressions.constant(i)), box(values.get(i)))));
    }
    members.add(Expressions.methodDecl(Modifier.PUBLIC, void.class, "project",
        List.of(in, out), project.toBlock()));

    // Object projectOne(int index, Object[] in)
    BlockBuilder one = new BlockBuilder(false);
    for (int i = 0; i < projections.size(); i++) {
      RexProgram single = program(inputRowType, rexBuilder, List.of(projections.get(i)), null);
      BlockBuilder b = new BlockBuilder();
      Expression v = RexToLixTranslator.translateProjects(single, typeFactory, CONFORMANCE, b,
          null, null, DataContext.ROOT, getter, null).get(0);
      b.add(Expressions.return_(null, box(v)));
      one.add(Expressions.ifThen(Expressions.equal(index, Expressions.constant(i)), b.toBlock()));
    }
    one.add(Expressions.throw_(Expressions.new_(IndexOutOfBoundsException.class)));
    members.add(Expressions.methodDecl(Modifier.PUBLIC, Object.class, "projectOne",
        List.of(index, in), one.toBlock()));

    ClassDeclaration decl = Expressions.classDecl(Modifier.PUBLIC | Modifier.FINAL, className,
        null, List.of(GeneratedExpressions.class), members);
    // Hoist constant subexpressions (new BigDecimal("1.5"), compiled LIKE patterns, ...) into
    // static final fields (but not a constant division, which may fail).
    decl = decl.accept(ClassDeclarationFinder.create(ConstantHoister.class));
    return "public final class " + className + " implements "
        + GeneratedExpressions.class.getName() + " {\n"
        + "  static final " + DataContext.class.getName() + " root = "
        + KsqlRuntime.class.getName() + ".DATA_CONTEXT;\n"
        + Expressions.toString(decl.memberDeclarations, "\n", false)
        + "}\n";
  }

  /** Primitive results (e.g. a NOT NULL comparison) boxed for the Object[] output. */
  private static Expression box(Expression e) {
    Type t = e.getType();
    return t instanceof Class<?> c && c.isPrimitive() ? Expressions.box(e) : e;
  }

  /**
   * The Java values of projections that are all literals of BIGINT, INTEGER, DOUBLE, BOOLEAN or
   * VARCHAR (or typed NULLs), as the generated code would box them; null when any is not.
   */
  private static Object[] plainLiterals(List<RexNode> projections) {
    Object[] out = new Object[projections.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(projections.get(i) instanceof RexLiteral literal)) {
        return null;
      }
      if (literal.isNull()) {
        continue;
      }
      SqlTypeName type = literal.getType().getSqlTypeName();
      out[i] = switch (type) {
        case BIGINT -> literal.getValueAs(Long.class);
        case INTEGER -> literal.getValueAs(Integer.class);
        case DOUBLE -> literal.getValueAs(Double.class);
        case BOOLEAN -> literal.getValueAs(Boolean.class);
        case VARCHAR -> literal.getValueAs(String.class);
        default -> null;
      };
      if (out[i] == null) {
        return null;
      }
    }
    return out;
  }

  /** Projections that are constants, with no condition. */
  private record Constants(Object[] values) implements GeneratedExpressions {
    @Override
    public boolean test(Object[] in) {
      return true;
    }

    @Override
    public void project(Object[] in, Object[] out) {
      System.arraycopy(values, 0, out, 0, values.length);
    }

    @Override
    public Object projectOne(int index, Object[] in) {
      return values[index];
    }
  }

  private static final ClassCache COMPILED = new ClassCache(512);

  /**
   * What the generated code depends on: the input's columns and types, and the simplified
   * expressions' digests (Calcite's identity of a RexNode: operators, operands, literal values
   * with their types) and result types.
   */
  private static String key(RowSchema input, RelDataType inputRowType, List<RexNode> projections,
      RexNode condition) {
    StringBuilder key = new StringBuilder(256).append(input).append('|')
        .append(inputRowType.getFullTypeString());
    for (RexNode p : projections) {
      key.append('|').append(p).append(':').append(p.getType().getFullTypeString());
    }
    return key.append("|where ").append(condition).toString();
  }

  /**
   * Generated classes by the expressions they implement ({@link #key}): a statement planned
   * again with the same expressions, such as a pull query repeated, skips code generation and
   * Janino's compile (tens of milliseconds, most of a short query's time). Bounded, least
   * recently used first out. A generated class keeps no state but what its constructor makes
   * and static constants, so instances of one class can serve several evaluators.
   */
  private static final class ClassCache {
    record Compiled(Class<?> type, String source) {
      /** A new instance with its condition's parameter values. */
      GeneratedExpressions instance(Object[] parameters) {
        try {
          Object code = type.getConstructor().newInstance();
          type.getField(PARAMETERS).set(code, parameters);
          return (GeneratedExpressions) code;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot instantiate generated code: " + e, e);
        }
      }
    }

    private final Map<String, Compiled> classes;

    ClassCache(int capacity) {
      this.classes = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
          return size() > capacity;
        }
      };
    }

    Compiled get(String key, java.util.function.Supplier<Compiled> make) {
      Compiled c;
      synchronized (this) {
        c = classes.get(key);
      }
      if (c == null) {
        c = make.get(); // outside the lock: compiles of other expressions go on meanwhile
        synchronized (this) {
          classes.put(key, c);
        }
      }
      return c;
    }
  }

  private static Class<?> load(String className, String source) {
    ClassLoader parent = CompiledExpressions.class.getClassLoader();
    try {
      ISimpleCompiler compiler =
          CompilerFactoryFactory.getDefaultCompilerFactory(parent).newSimpleCompiler();
      compiler.setParentClassLoader(parent);
      compiler.cook(source);
      return compiler.getClassLoader().loadClass(className);
    } catch (CompileException e) {
      throw new IllegalStateException("generated code does not compile: " + e.getMessage()
          + "\n" + source, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load generated code: " + e, e);
    }
  }

  /** Checks that every input reference matches the input schema. */
  private static void checkInputs(RexNode e, RowSchema input) {
    e.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitInputRef(RexInputRef ref) {
        int i = ref.getIndex();
        if (i < 0 || i >= input.size()) {
          throw new IllegalArgumentException("expression reads column $" + i + " but the input "
              + "has " + input.size() + " columns: " + e);
        }
        SqlType t = SqlType.fromRelDataType(ref.getType());
        if (!t.equals(input.column(i).type())) {
          throw new IllegalArgumentException("expression reads column $" + i + " as " + t
              + " but it is " + input.column(i) + ": " + e);
        }
        return null;
      }

      @Override
      public Void visitLiteral(RexLiteral literal) {
        return null;
      }
    });
  }
}
