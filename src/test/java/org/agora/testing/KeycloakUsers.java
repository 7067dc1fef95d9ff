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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throwaway members in the test Keycloak's demo realm, made through its admin REST API with the DEMO bootstrap admin
 * (admin/admin, see scripts/keycloak.sh); each one's password is its username. Delete them when done.
 */
public final class KeycloakUsers {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakUsers() {
    }

    /** Creates {@code count} enabled members named {@code prefix-0 … prefix-(count-1)}; returns their usernames. */
    public static List<String> create(String prefix, int count) {
        String admin = adminToken();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            String body;
            try {
                body = JSON.writeValueAsString(Map.of("username", name, "enabled", true, "emailVerified", true,
                        "firstName", "Load", "lastName", "Member " + i, "email", name + "@example.org",
                        "credentials", List.of(Map.of("type", "password", "value", name, "temporary", false))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(AgoraStack.keycloakUrl() + "/admin/realms/" + AgoraStack.REALM + "/users"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IllegalStateException("Keycloak refused to create " + name + ": HTTP " + created.statusCode() + " " + created.body());
            }
            names.add(name);
        }
        return names;
    }

    /** Deletes the members whose usernames start with {@code prefix}. */
    public static void delete(String prefix) {
        String admin = adminToken();
        String users = AgoraStack.keycloakUrl() + "/admin/realms/" + AgoraStack.REALM + "/users";
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(users + "?max=1000&search=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin).GET().build());
        try {
            for (JsonNode user : JSON.readTree(found.body())) {
                if (user.get("username").asText().startsWith(prefix)) {
                    send(HttpRequest.newBuilder(URI.create(users + "/" + user.get("id").asText()))
                            .header("Authorization", "Bearer " + admin).DELETE().build());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes sure the realm has the {@code agora-user-admin} service account of the realm file (the client, and its
     * realm-management roles), for a Keycloak that imported an older realm file (AGORA_TEST_OIDC_URL, a shared one).
     * Idempotent; a Keycloak started by AgoraStack imports the realm file and has it already.
     */
    public static void ensureServiceAccountsOf(Path realmFile) {
        JsonNode realm;
        try {
            realm = JSON.readTree(realmFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String admin = adminToken();
        String base = AgoraStack.keycloakUrl() + "/admin/realms/" + AgoraStack.REALM;
        for (JsonNode user : realm.path("users")) {
            String clientId = user.path("serviceAccountClientId").asText(null);
            if (clientId == null) {
                continue;
            }
            JsonNode client = null;
            for (JsonNode c : realm.path("clients")) {
                if (clientId.equals(c.path("clientId").asText())) {
                    client = c;
                }
            }
            String id = clientUuid(base, admin, clientId);
            if (id == null) {
                HttpResponse<String> created = send(json(base + "/clients", admin).POST(HttpRequest.BodyPublishers.ofString(client.toString())).build());
                if (created.statusCode() != 201 && created.statusCode() != 409) {
                    throw new IllegalStateException("Keycloak refused the client " + clientId + ": HTTP " + created.statusCode() + " " + created.body());
                }
                id = clientUuid(base, admin, clientId);
            }
            String serviceUser = read(send(json(base + "/clients/" + id + "/service-account-user", admin).GET().build())).get("id").asText();
            var roles = user.path("clientRoles").fields();
            while (roles.hasNext()) {
                var entry = roles.next();
                String owner = clientUuid(base, admin, entry.getKey());
                List<JsonNode> wanted = new ArrayList<>();
                for (JsonNode role : entry.getValue()) {
                    wanted.add(read(send(json(base + "/clients/" + owner + "/roles/" + role.asText(), admin).GET().build())));
                }
                HttpResponse<String> mapped = send(json(base + "/users/" + serviceUser + "/role-mappings/clients/" + owner, admin)
                        .POST(HttpRequest.BodyPublishers.ofString(wanted.toString())).build());
                if (mapped.statusCode() != 204) {
                    throw new IllegalStateException("Keycloak refused the roles of " + clientId + ": HTTP " + mapped.statusCode() + " " + mapped.body());
                }
            }
        }
    }

    /** Whether a user with this id exists (admin API: 200) or not (404). */
    public static boolean exists(String userId) {
        int status = send(json(AgoraStack.keycloakUrl() + "/admin/realms/" + AgoraStack.REALM + "/users/" + userId, adminToken())
                .GET().build()).statusCode();
        if (status != 200 && status != 404) {
            throw new IllegalStateException("Keycloak answered HTTP " + status + " for user " + userId);
        }
        return status == 200;
    }

    /** The Keycloak id of the user with exactly this username. */
    public static String idOf(String username) {
        JsonNode found = read(send(json(AgoraStack.keycloakUrl() + "/admin/realms/" + AgoraStack.REALM + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), adminToken()).GET().build()));
        if (found.size() != 1) {
            throw new IllegalStateException("No single Keycloak user " + username + ": " + found);
        }
        return found.get(0).get("id").asText();
    }

    private static String clientUuid(String base, String admin, String clientId) {
        JsonNode found = read(send(json(base + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8), admin).GET().build()));
        return found.isEmpty() ? null : found.get(0).get("id").asText();
    }

    private static HttpRequest.Builder json(String url, String admin) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private static JsonNode read(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String adminToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(AgoraStack.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin")).build());
        try {
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("No Keycloak admin token (DEMO admin/admin): HTTP " + response.statusCode() + " " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
