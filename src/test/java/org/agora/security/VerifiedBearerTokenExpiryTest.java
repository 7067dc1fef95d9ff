package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A kept token is dropped when it expires, or after the cache's maximum age if that comes first. */
class VerifiedBearerTokenExpiryTest {

    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final Cache<String, VerifiedBearerTokens.Verified> cache = VerifiedBearerTokens.cache(100, Duration.ofMinutes(5), clock);

    @Test
    void aTokenIsKeptUntilItExpires() {
        cache.put("short", verifiedUntil(now.plusSeconds(60)));
        now = now.plusSeconds(59);
        assertThat(cache.getIfPresent("short")).isNotNull();
        now = now.plusSeconds(2);
        assertThat(cache.getIfPresent("short")).isNull();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        cache.put("long", verifiedUntil(now.plus(Duration.ofHours(12))));
        now = now.plus(Duration.ofMinutes(5)).minusSeconds(1);
        assertThat(cache.getIfPresent("long")).isNotNull();
        now = now.plusSeconds(2);
        assertThat(cache.getIfPresent("long")).isNull();
    }

    @Test
    void anExpiredTokenIsNotKeptAtAll() {
        cache.put("expired", verifiedUntil(now.minusSeconds(1)));
        assertThat(cache.getIfPresent("expired")).isNull();
    }

    @Test
    void theKeyIsTheTokensDigestAndTellsTokensOneByteApart() {
        assertThat(VerifiedBearerTokens.key("header.claims.signature"))
                .isEqualTo(VerifiedBearerTokens.key("header.claims.signature"))
                .isNotEqualTo(VerifiedBearerTokens.key("header.claims.signaturf"))
                .hasSize(44); // base64 of 32 bytes
    }

    private static VerifiedBearerTokens.Verified verifiedUntil(Instant expiry) {
        return new VerifiedBearerTokens.Verified(QuarkusSecurityIdentity.builder().setAnonymous(true).build(), expiry.toEpochMilli());
    }
}
