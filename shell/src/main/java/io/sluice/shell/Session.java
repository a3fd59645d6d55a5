package io.sluice.shell;

import io.sluice.driver.SluiceClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a shell session remembers between statements: the server, the properties sent with every
 * request (SET/UNSET), the variables substituted into statements (DEFINE/UNDEFINE) and the output
 * format. Interactive sessions start with {@code auto.offset.reset=earliest} so that a first
 * SELECT shows the data already there; scripts start with the server's default.
 */
final class Session {

    static final String OFFSET_RESET = "auto.offset.reset";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private SluiceClient client;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> variables = new TreeMap<>();
    private OutputFormat format;
    private final Duration queryTimeout;

    Session(SluiceClient client, OutputFormat format, Duration queryTimeout, boolean interactive) {
        this.client = client;
        this.format = format;
        this.queryTimeout = queryTimeout;
        if (interactive) {
            properties.put(OFFSET_RESET, "earliest");
        }
    }

    SluiceClient client() {
        return client;
    }

    void switchServer(SluiceClient newClient) {
        client = newClient;
    }

    Map<String, String> properties() {
        return properties;
    }

    Map<String, String> variables() {
        return variables;
    }

    OutputFormat format() {
        return format;
    }

    void format(OutputFormat f) {
        format = f;
    }

    /** Zero when push queries run until stopped or their LIMIT. */
    Duration queryTimeout() {
        return queryTimeout;
    }

    /** Replaces {@code ${name}} with DEFINEd values; unknown names stay for the server to report. */
    String substitute(String sql) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = variables.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
