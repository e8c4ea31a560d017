package org.advocacyalerts.api;

import java.util.List;

/** Thrown by resources and services to answer with a problem body; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.invalid(errors));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not found", what + " does not exist"));
    }

    public Problem problem() {
        return problem;
    }
}
