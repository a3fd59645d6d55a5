package io.sluice.engine.function;

import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ksqlDB's map functions, generic in key and value types. A null map gives null. */
@FunctionCategory(FunctionCategory.MAP)
public final class MapFunctions {

  private static final List<String> ENTRY_FIELDS = List.of("K", "V");

  private MapFunctions() {}

  @Udf(name = "MAP_KEYS", returns = "ARRAY<K>", description = "The keys of map")
  public static List<Object> mapKeys(@Sql("MAP<K, V>") Map<?, ?> map) {
    return map == null ? null : new ArrayList<>(map.keySet());
  }

  @Udf(name = "MAP_VALUES", returns = "ARRAY<V>", description = "The values of map")
  public static List<Object> mapValues(@Sql("MAP<K, V>") Map<?, ?> map) {
    return map == null ? null : new ArrayList<>(map.values());
  }

  @Udf(name = "MAP_UNION", returns = "MAP<K, V>", description = "The entries of map1 and map2; "
      + "map2's value wins for a key in both; a null map counts as empty unless both are null")
  public static Map<Object, Object> mapUnion(@Sql("MAP<K, V>") Map<?, ?> map1,
      @Sql("MAP<K, V>") Map<?, ?> map2) {
    if (map1 == null && map2 == null) {
      return null;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    if (map1 != null) {
      out.putAll(map1);
    }
    if (map2 != null) {
      out.putAll(map2);
    }
    return out;
  }

  @Udf(name = "AS_MAP", returns = "MAP<STRING, T>", description = "A map of keys[i] to "
      + "values[i]; extra keys map to null, extra values are ignored; a later equal key wins")
  public static Map<Object, Object> asMap(@Sql("ARRAY<STRING>") List<?> keys,
      @Sql("ARRAY<T>") List<?> values) {
    if (keys == null || values == null) {
      return null;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), i < values.size() ? values.get(i) : null);
    }
    return out;
  }

  /** ENTRIES: {@code ARRAY<STRUCT<K STRING, V value-type>>}. */
  public static SqlType entriesType(List<SqlType> args) {
    SqlMap m = (SqlMap) args.get(0);
    return SqlType.array(SqlType.struct().field("K", m.key()).field("V", m.value()).build());
  }

  @Udf(name = "ENTRIES", returnTypeOf = "entriesType", description = "The entries of map as "
      + "structs with fields K and V, sorted by key if sorted is true")
  public static List<Struct> entries(@Sql("MAP<STRING, T>") Map<?, ?> map, Boolean sorted) {
    if (map == null || sorted == null) {
      return null;
    }
    List<Struct> out = new ArrayList<>(map.size());
    List<Map.Entry<?, ?>> es = new ArrayList<>(map.entrySet());
    if (sorted) {
      es.sort((a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
    }
    for (Map.Entry<?, ?> e : es) {
      out.add(new Struct(ENTRY_FIELDS, new Object[] {e.getKey(), e.getValue()}));
    }
    return out;
  }

  @Udf(name = "SPLIT_TO_MAP", strict = true, returns = "MAP<STRING, STRING>",
      description = "input split into entries by entryDelimiter and each entry into key and "
          + "value by kvDelimiter; entries without kvDelimiter are dropped; a later key wins; "
          + "null for an empty delimiter")
  @FunctionCategory(FunctionCategory.STRING)
  public static Map<String, String> splitToMap(String input, String entryDelimiter,
      String kvDelimiter) {
    if (entryDelimiter.isEmpty() || kvDelimiter.isEmpty()
        || entryDelimiter.equals(kvDelimiter)) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : StringFunctions.split(input, entryDelimiter)) {
      int at = entry.indexOf(kvDelimiter);
      if (!entry.isEmpty() && at >= 0) {
        out.put(entry.substring(0, at), entry.substring(at + kvDelimiter.length()));
      }
    }
    return out;
  }
}
