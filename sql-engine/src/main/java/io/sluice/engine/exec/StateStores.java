package io.sluice.engine.exec;

import io.sluice.storage.state.StateStore;
import io.sluice.storage.state.StateTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the engine's state classes share about their {@link StateStore}: input positions are
 * committed under the names {@code p<partition>} (other names are the state's own marks).
 */
final class StateStores {

  private StateStores() {}

  /** The positions named {@code p<partition>}, by partition. */
  static Map<Integer, Long> partitionPositions(Map<String, Long> named) {
    Map<Integer, Long> out = new HashMap<>();
    named.forEach((name, offset) -> {
      if (name.length() > 1 && name.charAt(0) == 'p' && Character.isDigit(name.charAt(1))) {
        out.put(Integer.parseInt(name.substring(1)), offset);
      }
    });
    return out;
  }

  /** Abandons {@code txn} (may be null) and closes the store. */
  static void abortAndClose(StateTransaction txn, StateStore store) {
    try {
      if (txn != null) {
        txn.abort();
      }
    } catch (RuntimeException e) {
      // a transaction begun on another thread: closing the store releases it
    }
    try {
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
