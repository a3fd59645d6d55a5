package io.sluice.driver;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server refused or failed a statement ({@code statement_error} / {@code generic_error} in
 * ksqlDB's API). The position, when the server gave one, is relative to the statement text: line 1
 * is the statement's first line, columns count from 1.
 */
public class StatementException extends SluiceException {

    private static final long serialVersionUID = 1L;
    // ksqlDB puts parse positions into the message text as "line L:C: ..."
    private static final Pattern POSITION = Pattern.compile("line (\\d+):(\\d+)");

    private final int errorCode;
    private final String statementText;
    private final transient Optional<Position> position;

    /** Where in the statement the error is; both 1-based. */
    public record Position(int line, int column) {
    }

    public StatementException(int errorCode, String message, String statementText, Position position) {
        super(message);
        this.errorCode = errorCode;
        this.statementText = statementText == null ? "" : statementText;
        this.position = Optional.ofNullable(position).or(() -> positionIn(message));
    }

    /** The position named in a ksqlDB-style message ({@code line 2:14: ...}), if any. */
    public static Optional<Position> positionIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = POSITION.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Position(Integer.parseInt(m.group(1)), Math.max(1, Integer.parseInt(m.group(2)))));
    }

    /** ksqlDB's {@code error_code}, e.g. 40001 for a bad statement; 0 when the server gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** The statement the server was running when it failed, as the server echoed it ("" if not). */
    public String statementText() {
        return statementText;
    }

    public Optional<Position> position() {
        return position;
    }
}
