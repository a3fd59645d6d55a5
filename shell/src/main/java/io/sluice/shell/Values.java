package io.sluice.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Cell values as text: scalars as they are, arrays, maps and structs as JSON, null as "null". */
final class Values {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Values() {
    }

    static String format(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return json(v);
    }

    static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-writable: " + v, e);
        }
    }

    static String prettyJson(Object v) {
        try {
            return PRETTY.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-writable: " + v, e);
        }
    }
}
