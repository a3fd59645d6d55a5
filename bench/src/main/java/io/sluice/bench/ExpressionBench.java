package io.sluice.bench;

import io.sluice.engine.expr.CompiledExpressions;
import io.sluice.engine.expr.Evaluator;
import io.sluice.engine.expr.ExpressionBuilder;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import java.util.List;
import java.util.Random;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * The per-record cost of a typical filter and projection compiled by the engine (Calcite RexNodes
 * to Janino bytecode) over 10M in-memory rows, next to the same logic written by hand in Java.
 * Run: {@code java -cp 'bench/target/sluice-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*'
 * io.sluice.bench.ExpressionBench} after {@code ./mvnw -q -DskipTests package -pl bench -am}.
 */
public final class ExpressionBench {

  static final RowSchema ORDERS = RowSchema.builder()
      .column("PRICE", SqlType.DOUBLE)
      .column("CHANNEL", SqlType.STRING)
      .column("QTY", SqlType.INTEGER)
      .column("CUSTOMER", SqlType.STRING)
      .build();

  static final int DISTINCT_ROWS = 100_000;
  static final int ROWS = 10_000_000;

  private ExpressionBench() {}

  public static void main(String[] args) {
    RexBuilder rb = SluiceTypeSystem.newRexBuilder();
    ExpressionBuilder x = new ExpressionBuilder(rb, ORDERS, FunctionRegistry.withBuiltIns());
    // WHERE price * 0.908 > 100 AND channel LIKE 'A%'
    RexNode where = x.and(
        x.gt(x.multiply(x.column("PRICE"), x.decimalLiteral("0.908")), x.literal(100)),
        x.like(x.column("CHANNEL"), x.literal("A%"), null));
    // SELECT qty * 2 + 1, price * 0.908, UCASE(customer),
    //        CASE WHEN qty > 10 THEN 'big' ELSE 'small' END
    List<RexNode> select = List.of(
        x.add(x.multiply(x.column("QTY"), x.literal(2)), x.literal(1)),
        x.multiply(x.column("PRICE"), x.decimalLiteral("0.908")),
        x.call("UCASE", x.column("CUSTOMER")),
        x.searchedCase(List.of(x.gt(x.column("QTY"), x.literal(10))),
            List.of(x.literal("big")), x.literal("small")));

    Evaluator filter = CompiledExpressions.compile(rb, List.of(), where, ORDERS);
    Evaluator project = CompiledExpressions.compile(rb, select, ORDERS);
    Evaluator both = CompiledExpressions.compile(rb, select, where, ORDERS);

    Random random = new Random(42);
    String[] channels = {"APP", "ANDROID", "WEB", "STORE", "API", "PARTNER"};
    Object[][] rows = new Object[DISTINCT_ROWS][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {
          random.nextDouble() * 250, channels[random.nextInt(channels.length)],
          random.nextInt(20), "customer-" + random.nextInt(1000)};
    }

    // Warm up (JIT) then measure.
    run(filter, project, both, rows, ROWS / 5);
    long[] ns = run(filter, project, both, rows, ROWS);
    System.out.printf("compiled expressions over %,d rows (2 cores, 1 thread):%n", ROWS);
    System.out.printf("  filter  price * 0.908 > 100 AND channel LIKE 'A%%'   %6.1f ns/row%n",
        ns[0] / (double) ROWS);
    System.out.printf("  project 4 expressions                            %6.1f ns/row%n",
        ns[1] / (double) ROWS);
    System.out.printf("  filter + project (one class, projected if passed) %6.1f ns/row%n",
        ns[2] / (double) ROWS);
    System.out.printf("  rows passing the filter: %,d%n", ns[3]);
    long[] hand = handWritten(rows, ROWS / 5);
    hand = handWritten(rows, ROWS);
    System.out.printf("  for scale, the same written by hand in Java: filter %.1f ns/row, "
        + "project %.1f ns/row%n", hand[0] / (double) ROWS, hand[1] / (double) ROWS);
    check(ns[3] > 0 && ns[3] < ROWS, "some rows pass the filter, not all");
  }

  /** The same filter and projection as plain Java over the same rows (a lower bound). */
  private static long[] handWritten(Object[][] rows, int n) {
    long passed = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Object[] r = rows[i % rows.length];
      Double price = (Double) r[0];
      String channel = (String) r[1];
      if (price != null && price * 0.908 > 100 && channel != null && channel.startsWith("A")) {
        passed++;
      }
    }
    long t1 = System.nanoTime();
    Object[] out = new Object[4];
    long sink = 0;
    for (int i = 0; i < n; i++) {
      Object[] r = rows[i % rows.length];
      Integer qty = (Integer) r[2];
      Double price = (Double) r[0];
      String customer = (String) r[3];
      out[0] = qty == null ? null : qty * 2 + 1;
      out[1] = price == null ? null : price * 0.908;
      out[2] = customer == null ? null : customer.toUpperCase(java.util.Locale.ROOT);
      out[3] = qty != null && qty > 10 ? "big" : "small";
      sink += (Integer) out[0];
    }
    long t2 = System.nanoTime();
    check(passed > 0 && sink != 0, "the hand-written loops did their work");
    return new long[] {t1 - t0, t2 - t1};
  }

  /** Times filter, project and filter+project; [3] is the number of rows passing. */
  private static long[] run(Evaluator filter, Evaluator project, Evaluator both, Object[][] rows,
      int n) {
    long passed = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (filter.test(rows[i % rows.length])) {
        passed++;
      }
    }
    long t1 = System.nanoTime();
    Object[] out = new Object[4];
    long sink = 0;
    for (int i = 0; i < n; i++) {
      project.evaluate(rows[i % rows.length], out);
      sink += ((Integer) out[0]);
    }
    long t2 = System.nanoTime();
    long passedBoth = 0;
    for (int i = 0; i < n; i++) {
      Object[] row = rows[i % rows.length];
      if (both.test(row)) {
        both.evaluate(row, out);
        passedBoth++;
      }
    }
    long t3 = System.nanoTime();
    check(passed == passedBoth, "filter and filter+project agree");
    check(sink != 0, "the projection ran");
    return new long[] {t1 - t0, t2 - t1, t3 - t2, passed};
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("wrong result: " + what);
    }
  }
}
