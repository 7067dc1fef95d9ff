package org.agora.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
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
 * reached once. The sign-in page asks {@link #reachable(Duration)} to show "sign-in unavailable" instead of sending browsers
 * to a dead login page.
 */
@Wellness
@ApplicationScoped
public class OidcProviderCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final URI discovery;
    private final Duration cacheFor;
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

    /**
     * True when the provider answered a probe at most {@code freshness} ago, probing again when the last is older. For
     * the sign-in page: with the few seconds of {@link #reachable()}, a probe from just before Keycloak went down (a
     * readiness probe, say) sent browsers to the dead login page; a person signing in is rare enough to probe for.
     */
    public boolean reachable(Duration freshness) {
        return answer(freshness).getStatus() == HealthCheckResponse.Status.UP;
    }

    @Override
    public HealthCheckResponse call() {
        return answer(cacheFor);
    }

    private HealthCheckResponse answer(Duration freshness) {
        HealthCheckResponse cached = last;
        if (cached != null && checkedAt.plus(freshness).isAfter(Instant.now())) {
            return cached;
        }
        HealthCheckResponse fresh = probe();
        last = fresh;
        checkedAt = Instant.now();
        return fresh;
    }

    /**
     * One GET with the JDK's plain {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: that client loads
     * about 330 classes and keeps a selector thread and worker threads for the life of the replica, for one request
     * every few seconds (bench/README.md "Memory beyond the heap"). Like that client's defaults: no proxy, no redirects.
     */
    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("OIDC provider").withData("discovery", discovery.toString());
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) discovery.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream()); // read to the end: the connection can be reused
                }
            }
            return response.status(status == 200).withData("status", status).build();
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
