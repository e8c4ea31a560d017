package org.advocacyalerts.dispatcher.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answers the pages share: an HTML page with its form cookie, a message page, a refused form. */
@ApplicationScoped
public class Pages {

    private final Template message;

    Pages(@Location("web/message.html") Template message) {
        this.message = message;
    }

    /** A rendered page, setting the browser's form cookie when it had none. */
    public Response html(int status, String html, FormTokens.Issued form) {
        Response.ResponseBuilder answer = Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE);
        if (form != null && form.cookie() != null) {
            answer.cookie(form.cookie());
        }
        return answer.build();
    }

    /** A page that says one thing. */
    public Response message(int status, String title, String text) {
        return html(status, message.data("title", title).data("message", text).render(), null);
    }

    /** A form posted without its token (from another site, or a page older than the browser's cookie). */
    public Response formRefused() {
        return message(
                403,
                "Form not accepted",
                "This form was not sent from this site's page, or the page is too old. Open the page again and"
                        + " send the form from there.");
    }
}
