package org.agora.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness' OIDC part against a real HTTP server that plays the provider and can be stopped. */
class OidcProviderReadinessTest {

    private HttpServer provider;

    @AfterEach
    void stopProvider() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void aReplicaThatNeverReachedTheProviderIsNotReady() throws IOException {
        int port = freePort();
        var readiness = new OidcProviderReadiness(new OidcProviderCheck("http://127.0.0.1:" + port + "/realms/agora", Duration.ZERO));

        HealthCheckResponse response = readiness.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).get().extracting(data -> data.get("reachableNow")).isEqualTo(false);
    }

    @Test
    void onceReachedAnOutageStaysVisibleButDoesNotTakeTheReplicaOut() throws IOException {
        provider = startProvider(0);
        int port = provider.getAddress().getPort();
        var readiness = new OidcProviderReadiness(new OidcProviderCheck("http://127.0.0.1:" + port + "/realms/agora", Duration.ZERO));

        HealthCheckResponse reached = readiness.call();
        assertThat(reached.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(reached.getData()).get().extracting(data -> data.get("reachableNow")).isEqualTo(true);

        provider.stop(0);
        provider = null;
        HealthCheckResponse outage = readiness.call();
        assertThat(outage.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(outage.getData()).get().extracting(data -> data.get("reachableNow")).isEqualTo(false);
        assertThat(outage.getData()).get().extracting(data -> data.get("firstReached")).isNotNull();
    }

    @Test
    void theCheckAtStartCountsAsReachingTheProvider() throws Exception {
        provider = startProvider(0);
        int port = provider.getAddress().getPort();
        var readiness = new OidcProviderReadiness(new OidcProviderCheck("http://127.0.0.1:" + port + "/realms/agora", Duration.ZERO));

        readiness.startFirstCheck().join();
        provider.stop(0);
        provider = null;

        // no probe reached the provider after start but the one at start: that one made the replica ready
        HealthCheckResponse afterwards = readiness.call();
        assertThat(afterwards.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(afterwards.getData()).get().extracting(data -> data.get("reachableNow")).isEqualTo(false);
    }

    @Test
    void theSignInPageSeesAnOutageAtOnceThoughTheCheckCachesItsAnswer() throws Exception {
        provider = startProvider(0);
        int port = provider.getAddress().getPort();
        var check = new OidcProviderCheck("http://127.0.0.1:" + port + "/realms/agora", Duration.ofMinutes(1));
        assertThat(check.reachable()).isTrue(); // a probe (readiness, say) just before the outage

        provider.stop(0);
        provider = null;
        Thread.sleep(20);

        assertThat(check.reachable()).as("the health checks keep their cached answer").isTrue();
        assertThat(check.reachable(Duration.ofMillis(10))).as("the sign-in page asks afresh").isFalse();
        assertThat(check.reachable()).as("and the fresh answer is the one kept").isFalse();
    }

    @Test
    void aProviderAnsweringWithAnErrorIsNotReached() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        provider.start();
        var readiness = new OidcProviderReadiness(new OidcProviderCheck(
                "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/wrong-realm", Duration.ZERO));

        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    private static HttpServer startProvider(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/realms/agora/.well-known/openid-configuration", exchange -> {
            byte[] body = "{\"issuer\":\"http://127.0.0.1/realms/agora\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
