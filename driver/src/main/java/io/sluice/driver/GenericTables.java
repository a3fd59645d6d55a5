package io.sluice.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tables for entities the driver has no record for; see {@link Entity.Other}. */
final class GenericTables {

    private GenericTables() {
    }

    static ResultTable of(JsonNode entity) {
        JsonNode list = null;
        int lists = 0;
        for (Map.Entry<String, JsonNode> field : entity.properties()) {
            JsonNode v = field.getValue();
            if (v.isArray() && (v.isEmpty() || v.get(0).isObject())) {
                list = v;
                lists++;
            }
        }
        return lists == 1 ? listTable(list) : scalarTable(entity);
    }

    private static ResultTable listTable(JsonNode list) {
        Set<String> columns = new LinkedHashSet<>();
        list.forEach(o -> o.fieldNames().forEachRemaining(columns::add));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode o : list) {
            List<Object> row = new ArrayList<>();
            columns.forEach(c -> row.add(cell(o.get(c))));
            rows.add(row);
        }
        return ResultTable.ofStrings(List.copyOf(columns), rows);
    }

    private static ResultTable scalarTable(JsonNode entity) {
        List<String> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        entity.properties().forEach(e -> {
            if (!e.getKey().equals("@type") && !e.getKey().equals("statementText") && !e.getKey().equals("warnings")) {
                columns.add(e.getKey());
                row.add(cell(e.getValue()));
            }
        });
        return ResultTable.ofStrings(columns, List.of(row));
    }

    private static Object cell(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
