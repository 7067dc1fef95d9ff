package org.agora;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Agora's own configuration keys (all under {@code agora.}); each has a default that works locally. */
@ConfigMapping(prefix = "agora")
public interface AgoraConfig {

    Seed seed();

    Moderation moderation();

    RateLimits rateLimits();

    Digest digest();

    KeycloakAdmin keycloakAdmin();

    PageCache pageCache();

    BearerTokens bearerTokens();

    /**
     * Bearer access tokens kept once verified, per replica (security/VerifiedBearerTokens), until they expire or for
     * {@code maxAge}, whichever comes first. Production and the benchmark use these defaults.
     */
    interface BearerTokens {
        /**
         * The most tokens kept ({@code AGORA_BEARER_TOKENS_CACHE_SIZE}); the least used go first; 0 turns keeping off.
         * Each costs about 6 KiB of heap with the demo realm's tokens (measured with a class histogram: 2,000 kept
         * tokens, 12 MB), most of it the token itself and its claims.
         */
        @WithDefault("2048")
        int cacheSize();

        /**
         * The longest a verified token is reused without being verified again ({@code AGORA_BEARER_TOKENS_MAX_AGE}): how
         * long a token signed by a key that Keycloak has since dropped can still be accepted. Each token is kept for
         * between three quarters of it and all of it, spread by the token, so tokens seen together expire apart.
         */
        @WithDefault("PT5M")
        Duration maxAge();
    }

    /**
     * Rendered anonymous pages kept in memory on each replica (web/PageCache; bench/README.md "Caching"), dropped when
     * their content changes on any replica. Production and the benchmark use these defaults.
     */
    interface PageCache {
        /** Serve and keep anonymous pages at all ({@code AGORA_PAGE_CACHE_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** The most page bytes kept per replica ({@code AGORA_PAGE_CACHE_MAX_BYTES}); least used pages go first. */
        @WithDefault("16777216")
        long maxBytes();

        /**
         * The longest a page is kept ({@code AGORA_PAGE_CACHE_TTL}), a safety net: changes drop pages at once, and the
         * page's script re-renders relative times ("5 minutes ago") in the browser.
         */
        @WithDefault("PT60S")
        Duration ttl();
    }

    /**
     * The public address of this Agora, without a trailing slash ({@code AGORA_PUBLIC_URL}): the base of links in
     * e-mails and of ids and links in Atom feeds, which must not depend on which replica or proxy served the request.
     */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /**
     * The service account Agora deletes a member's Keycloak user with when they delete their account: the
     * {@code agora-user-admin} client of the app's realm (the realm of {@code quarkus.oidc.auth-server-url}), with the
     * realm-management roles manage-users and view-users only.
     */
    interface KeycloakAdmin {
        /** The service account's client ({@code AGORA_KEYCLOAK_ADMIN_CLIENT_ID}). */
        @WithDefault("agora-user-admin")
        String clientId();

        /**
         * Its secret ({@code AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET}); required in production (no default: the app does
         * not start without it). Dev mode and tests use the demo realm's published DEMO secret.
         */
        String clientSecret();

        /** How often pending Keycloak deletions are retried ({@code AGORA_KEYCLOAK_ADMIN_RETRY_EVERY}). */
        @WithDefault("PT1M")
        Duration retryEvery();
    }

    /** E-mail digests of unread notifications, for members who opt in on their profile; sent through quarkus-mailer. */
    interface Digest {
        /** Send digests at all ({@code AGORA_DIGEST_ENABLED}); needs the {@code quarkus.mailer.*} SMTP settings. */
        @WithDefault("false")
        boolean enabled();

        /** How often digests go out ({@code AGORA_DIGEST_EVERY}), an ISO-8601 duration. */
        @WithDefault("PT24H")
        Duration every();
    }

    interface Seed {
        /** Post the seed articles at start when they are missing ({@code AGORA_SEED_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** Classpath resources, in the plain article format, to post at start ({@code AGORA_SEED_ARTICLES}). */
        @WithDefault("seed/why-is-nato-expanding-its-reach-to-the-asia-pacific-region.txt")
        List<String> articles();
    }

    interface Moderation {
        /** Open reports that hold a published comment for review automatically ({@code AGORA_MODERATION_REPORTS_TO_HOLD}). */
        @WithDefault("3")
        int reportsToHold();

        /**
         * A member's first K comments are held for review ({@code AGORA_MODERATION_NEW_MEMBER_COMMENTS}); 0, the
         * default, turns the rule off, so a new class can talk at once; communities open to strangers set 1–3.
         */
        @WithDefault("0")
        int newMemberComments();
    }

    /**
     * Per-person limits, counted in PostgreSQL so they hold across replicas. Defaults follow Discourse's spirit
     * (one post every 5 s). Moderators and admins are exempt. A limit of N per window allows N actions per window.
     */
    interface RateLimits {
        @WithDefault("1")
        int comments();

        @WithDefault("PT5S")
        Duration commentsWindow();

        @WithDefault("30")
        int votes();

        @WithDefault("PT1M")
        Duration votesWindow();

        @WithDefault("10")
        int reactions();

        @WithDefault("PT1M")
        Duration reactionsWindow();

        @WithDefault("10")
        int reports();

        @WithDefault("PT1H")
        Duration reportsWindow();
    }
}
