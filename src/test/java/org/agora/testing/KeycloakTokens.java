package org.agora.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Access tokens from the test stack's Keycloak, through the password grant (direct access grant) of the demo client
 * {@code agora-web}. The demo realm enables that grant for tests and scripts only.
 */
public final class KeycloakTokens {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakTokens() {
    }

    /** A fresh access token (a JWT, valid for 5 minutes) for this demo user. */
    public static String accessToken(String username, String password) {
        return tokenResponse(username, password).get("access_token").asText();
    }

    /** Keycloak's whole token response: access_token, refresh_token, id_token, expires_in, ... */
    public static JsonNode tokenResponse(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", AgoraStack.CLIENT_ID);
        form.put("client_secret", AgoraStack.CLIENT_SECRET);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        URI tokenEndpoint = URI.create(AgoraStack.realmUrl() + "/protocol/openid-connect/token");
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not reach Keycloak at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Keycloak for a token", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for '" + username + "': HTTP "
                    + response.statusCode() + " " + response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (!body.hasNonNull("access_token")) {
                throw new IllegalStateException("Keycloak's token response has no access_token: " + response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak's token response is not JSON: " + response.body(), e);
        }
    }

    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
