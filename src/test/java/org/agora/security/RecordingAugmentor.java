package org.agora.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test only: records the identities the identity providers hand over, before any other augmentor (such as
 * SignedOutSessions) adds to them, while {@link #recording} is on. VerifiedBearerTokensTest compares what Quarkus OIDC
 * built with what VerifiedBearerTokens rebuilt from its cache.
 */
@ApplicationScoped
public class RecordingAugmentor implements SecurityIdentityAugmentor {

    static volatile boolean recording;
    static final List<SecurityIdentity> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (recording) {
            SEEN.add(identity);
        }
        return Uni.createFrom().item(identity);
    }
}
