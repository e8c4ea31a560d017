package org.advocacyalerts.dispatcher.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.advocacyalerts.dispatcher.web.ContentSecurityPolicy;
import org.advocacyalerts.dispatcher.web.FormTokens;
import org.advocacyalerts.dispatcher.web.Pages;

/** The console's pages: rendered with the CSRF token of their forms ({@link FormTokens}). */
@ApplicationScoped
public class ConsolePages {

    private final FormTokens forms;
    private final Pages pages;
    private final CurrentVertxRequest request;

    ConsolePages(FormTokens forms, Pages pages, CurrentVertxRequest request) {
        this.forms = forms;
        this.pages = pages;
        this.request = request;
    }

    /**
     * A page that also works without script, improved by a script of this service's ({@code
     * /static/*.js}): its policy allows that script, and still no inline one.
     */
    Response renderScripted(int status, TemplateInstance page, String formCookie) {
        ContentSecurityPolicy.allowOwnScripts(request.getCurrent());
        return render(status, page, formCookie);
    }

    /** The page, its forms carrying the token for the browser's form cookie (set when it had none). */
    Response render(int status, TemplateInstance page, String formCookie) {
        FormTokens.Issued form = forms.issue(formCookie);
        return pages.html(status, page.data("csrf", form.token()).render(), form);
    }

    /** Whether a form came from one of this site's pages in this browser. */
    boolean fromOurPage(String formCookie, String token) {
        return forms.valid(formCookie, token);
    }

    Response formRefused() {
        return pages.formRefused();
    }

    /** A page that says one thing. */
    Response message(int status, String title, String text) {
        return pages.message(status, title, text);
    }
}
