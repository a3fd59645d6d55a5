package io.sluice.shell;

import io.sluice.driver.StatementException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statement errors for people: the statement line the server pointed at, a caret under the
 * column, then the message. Without a position only the message is shown.
 */
final class ErrorRenderer {

    private ErrorRenderer() {
    }

    /**
     * @param statement the statement as the user typed it (positions are relative to it)
     * @param position 1-based line and column inside {@code statement}, if known
     */
    static List<String> render(String statement, Optional<StatementException.Position> position, String message) {
        List<String> out = new ArrayList<>();
        if (position.isPresent()) {
            String[] lines = statement.split("\n", -1);
            int line = position.get().line();
            if (line >= 1 && line <= lines.length) {
                String text = lines[line - 1].replace('\t', ' ');
                int col = Math.min(Math.max(1, position.get().column()), text.length() + 1);
                out.add(text);
                out.add(" ".repeat(col - 1) + "^");
            }
        }
        out.add(message);
        return out;
    }
}
