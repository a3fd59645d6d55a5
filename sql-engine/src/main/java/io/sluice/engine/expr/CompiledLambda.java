package io.sluice.engine.expr;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lambda's body compiled to bytecode on its own, called by {@link LambdaRuntime} once per
 * element. Its input row is the lambda's parameters followed by the values it captures from the
 * enclosing row ({@link #row}); it returns the body's value and throws what the body throws (the
 * enclosing expression then fails for that record, as in ksqlDB). Stateless and thread-safe.
 *
 * <p>Generated code cannot hold a Java object as a literal, so each instance has an id and the
 * enclosing expression's code fetches it once, into a static final field, with {@link
 * LambdaRuntime#lambda(int)}. The id table holds instances weakly: until that class is loaded the
 * RexNode's operator holds the instance, afterwards the loaded class does; once both are gone the
 * entry is dropped, so compiling queries does not leak.
 */
public final class CompiledLambda {

  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Map<Integer, Ref> BY_ID = new ConcurrentHashMap<>();
  private static final ReferenceQueue<CompiledLambda> CLEARED = new ReferenceQueue<>();

  private final int id;
  private final int parameters;
  private final int captured;
  private final GeneratedExpressions body;
  private final String text;

  CompiledLambda(int parameters, int captured, Evaluator body) {
    this.parameters = parameters;
    this.captured = captured;
    this.body = body.code();
    this.text = body.projections().get(0);
    this.id = IDS.incrementAndGet();
    for (Object r; (r = CLEARED.poll()) != null; ) {
      BY_ID.remove(((Ref) r).id, r);
    }
    BY_ID.put(id, new Ref(this));
  }

  /** The instance with this id (for generated code). */
  static CompiledLambda byId(int id) {
    Ref r = BY_ID.get(id);
    CompiledLambda l = r == null ? null : r.get();
    if (l == null) {
      throw new IllegalStateException("lambda #" + id + " is no longer referenced");
    }
    return l;
  }

  int id() {
    return id;
  }

  /** Number of captured values. */
  int captured() {
    return captured;
  }

  /** Number of parameters. */
  public int parameters() {
    return parameters;
  }

  /**
   * A new input row for this lambda: room for the parameters, then {@code capturedValues}. The
   * caller sets the parameters before each {@link #apply}; one row serves a whole collection.
   */
  public Object[] row(Object[] capturedValues) {
    if (capturedValues.length != captured) {
      throw new IllegalArgumentException("lambda captures " + captured + " values, got "
          + capturedValues.length);
    }
    Object[] row = new Object[parameters + captured];
    System.arraycopy(capturedValues, 0, row, parameters, captured);
    return row;
  }

  /** The body's value for {@code row} (see {@link #row}). */
  public Object apply(Object[] row) {
    return body.projectOne(0, row);
  }

  @Override
  public String toString() {
    return "lambda#" + id + "[" + text + "]";
  }

  private static final class Ref extends WeakReference<CompiledLambda> {
    final int id;

    Ref(CompiledLambda l) {
      super(l, CLEARED);
      this.id = l.id;
    }
  }
}
