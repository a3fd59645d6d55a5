package io.sluice.shell;

import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours the input as it is typed: keywords, strings, numbers and comments. */
final class SqlHighlighter implements Highlighter {

    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    static AttributedString highlight(String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        for (SqlLexer.Token t : SqlLexer.tokens(buffer)) {
            String text = t.text(buffer);
            AttributedStyle style = switch (t.kind()) {
                case WORD -> Keywords.isKeyword(text) ? KEYWORD : AttributedStyle.DEFAULT;
                case STRING -> STRING;
                case NUMBER -> NUMBER;
                case LINE_COMMENT, BLOCK_COMMENT -> COMMENT;
                default -> AttributedStyle.DEFAULT;
            };
            sb.styled(style, text);
        }
        return sb.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // errors are shown after running a statement, not while typing
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // as above
    }
}
