package io.voucherifycamel.webhook;

import io.voucherifycamel.request.Problem;

/**
 * A request refused before anything was stored. Its detail is shown to the caller, so it never
 * contains a secret or the body.
 */
public class WebhookRejection extends RuntimeException {

    private final Problem problem;

    public WebhookRejection(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
