package org.advocacyalerts.local;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The admin key of the test profile ({@code %test.alerts.access.admin-key} in both services), and the
 * callback that makes every RestAssured request of a {@code @QuarkusTest} carry it. A test that calls
 * with another credential sets its own {@code Authorization} header, which replaces this one; access
 * tests that call without any use a plain HTTP client.
 */
public final class TestCredentials implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN_KEY = "aa_test-admin-key-0000000000000000000000000000";

    public static String bearer(String key) {
        return "Bearer " + key;
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(AdminUnlessSaidOtherwise.class::isInstance)) {
            RestAssured.filters(new AdminUnlessSaidOtherwise());
        }
    }

    /** Adds the admin key to a request that carries no {@code Authorization} header of its own. */
    static final class AdminUnlessSaidOtherwise implements Filter {
        @Override
        public Response filter(
                FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", bearer(ADMIN_KEY));
            }
            return ctx.next(request, response);
        }
    }
}
