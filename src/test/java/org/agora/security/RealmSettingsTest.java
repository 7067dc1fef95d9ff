package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The realm Agora ships (for local runs and for Kubernetes) has brute-force protection and short token lifetimes,
 * and the app's own session settings agree with them (docs/security.md, "Sessions").
 */
class RealmSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"docker/keycloak/agora-realm.json", "k8s/base/keycloak-realm-import.yaml"})
    void bruteForceIsOnAndLifetimesAreShort(String file) throws IOException {
        String realm = Files.readString(Path.of(file));
        assertThat(setting(realm, "bruteForceProtected")).isEqualTo("true");
        assertThat(Integer.parseInt(setting(realm, "failureFactor"))).as("failed logins before a lockout").isBetween(3, 10);
        assertThat(Integer.parseInt(setting(realm, "waitIncrementSeconds"))).isGreaterThanOrEqualTo(30);
        int accessToken = Integer.parseInt(setting(realm, "accessTokenLifespan"));
        int idle = Integer.parseInt(setting(realm, "ssoSessionIdleTimeout"));
        int max = Integer.parseInt(setting(realm, "ssoSessionMaxLifespan"));
        assertThat(accessToken).as("access token lifetime (s)").isBetween(60, 600);
        assertThat(idle).as("SSO idle timeout (s)").isBetween(accessToken, 4 * 3600);
        assertThat(max).as("SSO max lifespan (s)").isBetween(idle, 24 * 3600);
        // a signed-out session is remembered at least as long as any of its tokens could still be refreshed
        assertThat(Duration.ofSeconds(max)).isLessThanOrEqualTo(SignedOutSessions.RETENTION);
    }

    @org.junit.jupiter.api.Test
    void theAppSessionFollowsTheRealm() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        String realm = Files.readString(Path.of("docker/keycloak/agora-realm.json"));
        // the session cookie outlives the ID token by the extension, so an idle browser can refresh once; it must not
        // outlive the Keycloak idle timeout, after which a refresh fails anyway
        Matcher extension = Pattern.compile("(?m)^quarkus\\.oidc\\.authentication\\.session-age-extension=(\\d+)M$").matcher(properties);
        assertThat(extension.find()).as("session-age-extension in minutes").isTrue();
        long extensionSeconds = Long.parseLong(extension.group(1)) * 60;
        assertThat(extensionSeconds + Integer.parseInt(setting(realm, "accessTokenLifespan")))
                .isLessThanOrEqualTo(Integer.parseInt(setting(realm, "ssoSessionIdleTimeout")) + 300L);
        assertThat(properties).contains("quarkus.oidc.token.refresh-expired=true");
        assertThat(properties).contains("%prod.quarkus.oidc.authentication.cookie-force-secure=${AGORA_SECURE_COOKIES:true}");
        assertThat(properties).contains("%prod.quarkus.http.header.\"Strict-Transport-Security\".value=");
    }

    /**
     * Account deletion deletes the Keycloak user through a confidential service account that may manage users and
     * nothing else: no browser or password sign-in, no other realm-management role; its DEMO secret is labelled so
     * and matches the dev/test profiles, and production reads it from the environment only.
     */
    @org.junit.jupiter.api.Test
    void theUserAdminServiceAccountMayOnlyManageUsers() throws IOException {
        com.fasterxml.jackson.databind.JsonNode realm = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("docker/keycloak/agora-realm.json").toFile());
        com.fasterxml.jackson.databind.JsonNode client = null;
        for (com.fasterxml.jackson.databind.JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals("agora-user-admin")) {
                client = c;
            }
        }
        assertThat(client).as("the agora-user-admin client").isNotNull();
        assertThat(client.path("publicClient").asBoolean(true)).as("confidential").isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean(true)).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean(true)).isFalse();
        assertThat(client.path("description").asText()).contains("DEMO").hasSizeLessThanOrEqualTo(255); // Keycloak's column
        String secret = client.path("secret").asText();
        assertThat(secret).contains("DEMO");

        java.util.List<String> serviceAccounts = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                serviceAccounts.add(user.path("serviceAccountClientId").asText());
                assertThat(user.path("serviceAccountClientId").asText()).isEqualTo("agora-user-admin");
                assertThat(user.path("realmRoles").toString()).isEqualTo("[\"default-roles-agora\"]");
                assertThat(user.path("clientRoles").size()).as("roles of one client only").isEqualTo(1);
                assertThat(user.path("clientRoles").path("realm-management").toString()).isEqualTo("[\"manage-users\",\"view-users\"]");
            }
        }
        assertThat(serviceAccounts).containsExactly("agora-user-admin");

        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties).contains("%dev.agora.keycloak-admin.client-secret=" + secret)
                .contains("%test.agora.keycloak-admin.client-secret=" + secret)
                .doesNotContainPattern("(?m)^(%prod\\.)?agora\\.keycloak-admin\\.client-secret=");
    }

    private static String setting(String realm, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"?([\\w.-]+)").matcher(realm);
        assertThat(m.find()).as(key).isTrue();
        return m.group(1);
    }
}
