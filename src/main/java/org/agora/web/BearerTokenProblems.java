package org.agora.web;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An expired, forged or malformed bearer token is refused by Quarkus OIDC before any resource runs, with a bare
 * 401. API clients get the same problem body as for every other error instead; browsers (no bearer token) keep
 * the OIDC code flow's own handling.
 */
@ApplicationScoped
public class BearerTokenProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!(context.failure() instanceof AuthenticationFailedException) || !bearer || context.response().headWritten()) {
            context.next();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Sign-in required")
                .put("status", 401)
                .put("detail", "The access token is invalid or has expired; get a new one and try again.")
                .put("instance", context.request().path());
        context.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(problem.encode());
    }
}
