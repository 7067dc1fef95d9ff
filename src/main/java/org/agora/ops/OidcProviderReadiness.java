package org.agora.ops;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import io.smallrye.health.api.Wellness;

/**
 * Readiness' part of reaching the OIDC provider: a replica is not ready until it has reached the provider once since
 * it started, so a replica with a wrong issuer URL, a broken network path or a Keycloak that is not up yet never
 * joins the balancer.
 *
 * <p>Once reached, a later outage does not make the replica unready. Keycloak is one service shared by every
 * replica: if its outage failed readiness, Kubernetes and HAProxy would take <em>all</em> replicas out at once, and
 * public pages and already-signed-in people (whose tokens are checked locally) would lose service they don't need
 * Keycloak for. The current state stays visible here ({@code reachableNow}) and in the wellness check, for alerts.
 */
@Readiness
@ApplicationScoped
public class OidcProviderReadiness implements HealthCheck {

    static final String NAME = "OIDC provider reached since start";

    private final OidcProviderCheck provider;
    private volatile Instant firstReached;

    OidcProviderReadiness(@Wellness OidcProviderCheck provider) {
        this.provider = provider;
    }

    /**
     * Asks the provider once in the background as the app starts, so the first readiness probe finds the answer
     * instead of waiting for it (the first request also loads the JDK's HTTP client: a few hundred classes).
     */
    void firstCheck(@Observes StartupEvent event) {
        startFirstCheck();
    }

    Thread startFirstCheck() {
        Thread check = new Thread(this::call, "agora-oidc-first-check");
        check.setDaemon(true);
        check.start();
        return check;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachableNow = provider.reachable();
        if (reachableNow && firstReached == null) {
            firstReached = Instant.now();
        }
        var response = HealthCheckResponse.named(NAME).status(firstReached != null).withData("reachableNow", reachableNow);
        return firstReached == null ? response.build() : response.withData("firstReached", firstReached.toString()).build();
    }
}
