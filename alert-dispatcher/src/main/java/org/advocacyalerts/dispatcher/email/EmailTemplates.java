package org.advocacyalerts.dispatcher.email;

import io.quarkus.qute.Template;
import java.util.Map;

/** Renders an email template with its values (HTML templates escape every value). */
final class EmailTemplates {

    private EmailTemplates() {}

    static String render(Template template, Map<String, Object> values) {
        var instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }
}
