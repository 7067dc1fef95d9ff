package org.agora.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * Can this replica reach the OIDC provider (Keycloak) right now? It fetches the realm's discovery document with a
 * short timeout; the answer is cached for a few seconds, so frequent probes do not load Keycloak. Quarkus' own check
 * ({@code quarkus.oidc.health.enabled}) only says whether the provider was reached once, at start.
 *
 * <p>A wellness check ({@code /q/health/well}) that follows the provider's current state, so it can be alerted on.
 * Readiness uses it through {@link OidcProviderReadiness}, which only holds a replica back until the provider has been
 * reached once. The sign-in page asks {@link #reachable()} to show "sign-in unavailable" instead of sending browsers
 * to a dead login page.
 */
@Wellness
@ApplicationScoped
public class OidcProviderCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final URI discovery;
    private final Duration cacheFor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile HealthCheckResponse last;

    @jakarta.inject.Inject
    OidcProviderCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
        this(authServerUrl, CACHE);
    }

    OidcProviderCheck(String authServerUrl, Duration cacheFor) {
        String base = authServerUrl.endsWith("/") ? authServerUrl : authServerUrl + "/";
        this.discovery = URI.create(base + ".well-known/openid-configuration");
        this.cacheFor = cacheFor;
    }

    /** True when the provider answered within the last few seconds (or answers now). */
    public boolean reachable() {
        return call().getStatus() == HealthCheckResponse.Status.UP;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse cached = last;
        if (cached != null && checkedAt.plus(cacheFor).isAfter(Instant.now())) {
            return cached;
        }
        HealthCheckResponse fresh = probe();
        last = fresh;
        checkedAt = Instant.now();
        return fresh;
    }

    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("OIDC provider").withData("discovery", discovery.toString());
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.status(answer.statusCode() == 200).withData("status", answer.statusCode()).build();
        } catch (IOException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }
}
