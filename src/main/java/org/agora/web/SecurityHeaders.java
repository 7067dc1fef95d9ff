package org.agora.web;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A strict Content-Security-Policy on every page: scripts and styles only from our own origin (no inline code),
 * no framing. Forms may also be sent on to the identity provider, because sign-out's POST is redirected there
 * and browsers apply {@code form-action} to redirects. The other security headers are static and set in
 * application.properties ({@code quarkus.http.header.*}), so they also cover static files.
 */
@Singleton
public class SecurityHeaders {

    private final String policy;

    public SecurityHeaders(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String identityProvider) {
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                + "form-action 'self' " + origin(identityProvider);
    }

    /** The policy, for responses made outside JAX-RS (kept pages, web/PageCacheRoute). */
    String policy() {
        return policy;
    }

    @ServerResponseFilter
    public void addContentSecurityPolicy(ContainerResponseContext response) {
        response.getHeaders().putSingle("Content-Security-Policy", policy);
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
