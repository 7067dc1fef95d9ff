package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A kept token is dropped when it expires, or after its share of the cache's maximum age (between three quarters and
 * all of it) if that comes first.
 */
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
    void aLongLivedTokenIsVerifiedAgainAfterItsShareOfTheMaximumAge() {
        Duration kept = VerifiedBearerTokens.keptFor("long", Duration.ofMinutes(5));
        cache.put("long", verifiedUntil(now.plus(Duration.ofHours(12))));
        now = now.plus(kept).minusSeconds(1);
        assertThat(cache.getIfPresent("long")).isNotNull();
        now = now.plusSeconds(2);
        assertThat(cache.getIfPresent("long")).isNull();
    }

    @Test
    void tokensKeptTogetherExpireSpreadOverTheLastQuarterOfTheMaximumAge() {
        Cache<String, VerifiedBearerTokens.Verified> big = VerifiedBearerTokens.cache(1000, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 1000; i++) {
            big.put(VerifiedBearerTokens.key("token " + i), verifiedUntil(now.plus(Duration.ofHours(12))));
        }
        Instant start = now;
        int[] keptAt = new int[6];
        for (int step = 0; step < keptAt.length; step++) {
            now = start.plus(Duration.ofSeconds(224 + 15 * step)); // 3:44, 3:59, 4:14, 4:29, 4:44, 4:59
            keptAt[step] = (int) java.util.stream.IntStream.range(0, 1000)
                    .filter(i -> big.getIfPresent(VerifiedBearerTokens.key("token " + i)) != null).count();
        }
        now = start.plus(Duration.ofSeconds(301));
        big.cleanUp();
        // all kept until three quarters of the 5 minutes, none after them, and about a fifth dropped every 15 s between
        assertThat(keptAt[0]).isEqualTo(1000);
        assertThat(keptAt[1]).isBetween(750, 880);
        assertThat(keptAt[3]).isBetween(330, 500);
        assertThat(keptAt[5]).isBetween(1, 40);
        assertThat(big.estimatedSize()).isZero();
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
