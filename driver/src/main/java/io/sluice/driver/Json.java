package io.sluice.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.util.List;

/** The one JSON mapper of the driver; numbers with fractions stay exact as BigDecimal. */
final class Json {

    // DECIMAL values keep their scale: 1.50 stays 1.50
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private Json() {
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SluiceException("the server sent malformed JSON: " + abbreviate(text), e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }

    /** A JSON value as plain Java: String, Integer/Long/BigInteger, BigDecimal, Boolean, List, Map, null. */
    static Object toJava(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    static List<Object> toRow(JsonNode array) {
        return (List<Object>) MAPPER.convertValue(array, List.class);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
