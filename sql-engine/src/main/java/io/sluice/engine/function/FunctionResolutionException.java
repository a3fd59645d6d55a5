package io.sluice.engine.function;

/**
 * A call names no known function, or no overload (or more than one equally good overload) of it
 * takes the argument types. The message is ksqlDB's wording, for users.
 */
public class FunctionResolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FunctionResolutionException(String message) {
    super(message);
  }
}
