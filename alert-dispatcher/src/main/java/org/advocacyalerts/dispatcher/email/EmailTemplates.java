package org.advocacyalerts.dispatcher.email;

import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import java.util.List;
import java.util.Map;

/** Renders an email template with its values (HTML templates escape every value). */
final class EmailTemplates {

    private EmailTemplates() {}

    static String render(Template template, Map<String, Object> values) {
        var instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    /**
     * An HTML template rendered as 7-bit text: {@link #sevenBit}. The mail client sends such a part as
     * it is; anything else it quoted-printable encodes, on its one event loop, and that encoding was a
     * third of that loop's time, the limit of how many emails a replica sends.
     */
    static String renderHtml(Template template, Map<String, Object> values) {
        return sevenBit(render(template, values));
    }

    private static final HtmlEscaper HTML = new HtmlEscaper(List.of("text/html"));

    /**
     * Text escaped as an HTML template escapes a value (Qute's own escaper), for a value put into
     * already rendered HTML, such as each subscriber's link into an email made once for many.
     */
    static String escape(String text) {
        return HTML.map(text, null);
    }

    /** The longest line SMTP allows is 998 characters; lines are broken before this many. */
    static final int LINE = 900;

    /**
     * The same HTML in printable ASCII and lines of at most {@link #LINE} characters where a space allows
     * (else the mail client encodes it as before): every other character as a numeric character
     * reference, line breaks and other control characters (but tab) as a space, lines broken at a space
     * (in HTML a line break is a space). Few long lines, not the template's many short ones: the mail
     * client writes a message to the server a line at a time.
     */
    static String sevenBit(String html) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        int lineStart = 0;
        int lastSpace = -1; // in out
        for (int i = 0; i < html.length(); ) {
            int c = html.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80) {
                out.append("&#").append(c).append(';');
            } else if (c < 0x20 && c != '\t') {
                out.append(' ');
                lastSpace = out.length() - 1;
            } else {
                if (c == ' ') {
                    lastSpace = out.length();
                }
                out.append((char) c);
            }
            if (out.length() - lineStart > LINE && lastSpace > lineStart) {
                out.setCharAt(lastSpace, '\n');
                lineStart = lastSpace + 1;
                lastSpace = -1;
            }
        }
        return out.toString();
    }
}
