package io.sluice.engine.function;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ksqlDB's table functions: each returns the list of values of the rows one input row becomes
 * (none for a null input). Zipping several table functions of one SELECT is the flat-map
 * operator's job.
 */
@FunctionCategory(FunctionCategory.TABLE)
public final class TableFunctions {

  private TableFunctions() {}

  @Udtf(name = "EXPLODE", returns = "T", description = "One row per element of array")
  public static List<Object> explode(@Sql("ARRAY<T>") List<?> array) {
    return array == null ? Collections.emptyList() : Collections.unmodifiableList(array);
  }

  @Udtf(name = "CUBE_EXPLODE", returns = "ARRAY<T>", description = "One row per combination of "
      + "the elements of array with each element kept or replaced by null (2^n rows, fewer when "
      + "elements are null: no duplicates), all-null first")
  public static List<List<Object>> cubeExplode(@Sql("ARRAY<T>") List<?> array) {
    if (array == null) {
      return Collections.emptyList();
    }
    int n = array.size();
    if (n > 30) {
      throw new IllegalArgumentException("CUBE_EXPLODE of more than 30 elements");
    }
    List<List<Object>> out = new ArrayList<>();
    // Bit (n - 1 - i) of mask keeps element i: the first element varies slowest, as ksqlDB.
    combinations:
    for (int mask = 0; mask < (1 << n); mask++) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        boolean keep = (mask & (1 << (n - 1 - i))) != 0;
        if (keep && array.get(i) == null) {
          continue combinations; // the same row as with this element dropped
        }
        row.add(keep ? array.get(i) : null);
      }
      out.add(row);
    }
    return out;
  }
}
