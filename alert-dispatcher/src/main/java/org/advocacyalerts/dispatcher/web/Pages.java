package org.advocacyalerts.dispatcher.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answers every page shares (portal, email links, staff console): a page whose forms carry the CSRF
 * token of the browser's form cookie ({@link FormTokens}), the check of a posted form, a message page, a
 * refused form.
 */
@ApplicationScoped
public class Pages {

    private final FormTokens forms;
    private final CurrentVertxRequest request;
    private final Template message;

    Pages(FormTokens forms, CurrentVertxRequest request, @Location("web/message.html") Template message) {
        this.forms = forms;
        this.request = request;
        this.message = message;
    }

    /**
     * The page rendered with the token its forms carry ({@code csrf}), setting the browser's form cookie
     * when it had none.
     */
    public Response page(int status, TemplateInstance page, String formCookie) {
        FormTokens.Issued form = forms.issue(formCookie);
        return html(status, page.data("csrf", form.token()).render(), form);
    }

    /**
     * A page that also works without script, improved by a script of this service's own ({@code
     * /static/*.js}): its policy allows that script, and still no inline one.
     */
    public Response scriptedPage(int status, TemplateInstance page, String formCookie) {
        ContentSecurityPolicy.allowOwnScripts(request.getCurrent());
        return page(status, page, formCookie);
    }

    /** Whether a posted form came from one of this site's pages in this browser. */
    public boolean fromOurPage(String formCookie, String token) {
        return forms.valid(formCookie, token);
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

    private static Response html(int status, String html, FormTokens.Issued form) {
        Response.ResponseBuilder answer = Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE);
        if (form != null && form.cookie() != null) {
            answer.cookie(form.cookie());
        }
        return answer.build();
    }
}
