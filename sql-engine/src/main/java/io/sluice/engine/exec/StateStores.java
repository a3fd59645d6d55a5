package io.sluice.engine.exec;

import io.sluice.engine.format.Format;
import io.sluice.engine.format.FormatOptions;
import io.sluice.engine.format.Serde;
import io.sluice.engine.format.SerdeFactory;
import io.sluice.engine.format.SerdeRole;
import io.sluice.engine.types.Column;
import io.sluice.storage.state.StateStore;
import io.sluice.storage.state.StateTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
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

  /**
   * The JSON serde of rows kept as state values: an object even for one column, so that a row
   * whose one value is NULL is not a null record.
   */
  static Serde rowSerde(List<Column> columns) {
    return SerdeFactory.create(Format.JSON, columns.size() == 1
        ? FormatOptions.DEFAULTS.withWrapSingleValue(true) : FormatOptions.DEFAULTS, columns,
        SerdeRole.VALUE);
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
