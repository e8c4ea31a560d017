package org.advocacyalerts.api.access;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one request changed, as its resource tells it: the state before and after (objects shown as
 * the API shows them, without secrets). {@link AuditFilter} writes it with who and when.
 */
@RequestScoped
public class AuditTrail {

    private Object before;
    private Object after;
    private String requestId;

    public void before(Object state) {
        this.before = state;
    }

    public void after(Object state) {
        this.after = state;
    }

    Object before() {
        return before;
    }

    Object after() {
        return after;
    }

    String requestId() {
        return requestId;
    }

    void requestId(String requestId) {
        this.requestId = requestId;
    }
}
