package io.sluice.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells the line reader when Enter ends the input: once every statement has its {@code ;} outside
 * strings and comments (or the input is a bare shell command). Until then Enter adds a line and
 * the continuation prompt shows. Word splitting for completion is the default parser's.
 */
final class SqlParser extends DefaultParser {

    SqlParser() {
        escapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !StatementSplitter.split(line).complete()) {
            throw new EOFError(-1, -1, "statement not ended", ";");
        }
        return super.parse(line, cursor, context);
    }
}
