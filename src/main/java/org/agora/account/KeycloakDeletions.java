package org.agora.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.agora.AgoraConfig;
import org.agora.moderation.AuditLog;
import org.agora.moderation.ModActionKind;
import org.agora.security.SignedOutSessions;
import org.agora.security.Viewer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * Deletes a deleted member's Keycloak user, without ever losing the deletion: {@link #enqueue} writes an outbox row
 * in the account deletion's own transaction; right after that transaction commits, {@link #afterCommit} deletes the
 * user through Keycloak's admin API (the {@code agora-user-admin} service account, {@link AgoraConfig.KeycloakAdmin})
 * and removes the row, audited as {@code delete_keycloak_user}. When Keycloak can't be reached or refuses, the row
 * stays and {@link #retryDue} tries again every {@code agora.keycloak-admin.retry-every}, waiting longer after each
 * failure (up to an hour). Replicas share the work safely: each attempt locks its row ({@code skip locked}).
 *
 * <p>The member's sessions end at once, on every replica: the subject is revoked in the same transaction
 * ({@link SignedOutSessions} refuses its tokens), whether or not Keycloak has been reached yet.
 */
@ApplicationScoped
public class KeycloakDeletions {

    /** Fired inside the account deletion's transaction; observed after it commits. */
    public record Queued(long id) {
    }

    private static final Logger LOG = Logger.getLogger(KeycloakDeletions.class);
    private static final int BATCH = 50;
    private static final int MAX_ERROR = 500;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    AgoraConfig config;

    @Inject
    jakarta.enterprise.event.Event<Queued> queued;

    @Inject
    org.agora.ops.AgoraMetrics metrics;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    private volatile Keycloak keycloak;

    /** Records "delete Keycloak user {@code subject}" and revokes the subject's tokens, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(long memberId, String subject) {
        Object id = em.createNativeQuery("""
                        insert into keycloak_deletion (member_id, subject) values (:m, :s)
                        on conflict (subject) do update set next_attempt_at = now()
                        returning id""")
                .setParameter("m", memberId).setParameter("s", subject).getSingleResult();
        revoke(subject);
        queued.fire(new Queued(((Number) id).longValue()));
    }

    /** The immediate attempt, once the deletion has committed; a failure leaves the row for the scheduled retry. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued deletion) {
        try {
            attempt(deletion.id(), false);
        } catch (RuntimeException e) {
            LOG.warnf("Keycloak deletion %d will be retried: %s", deletion.id(), e.getMessage());
        }
    }

    @Scheduled(every = "${agora.keycloak-admin.retry-every:PT1M}", delayed = "PT10S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRetry() {
        retryDue();
    }

    /** Retries the deletions that are due; returns how many were completed. */
    public int retryDue() {
        @SuppressWarnings("unchecked")
        List<Number> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select id from keycloak_deletion where next_attempt_at <= now() order by id limit :n")
                .setParameter("n", BATCH).getResultList());
        int done = 0;
        for (Number id : due) {
            if (attempt(id.longValue(), true)) {
                done++;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from revoked_subject where expires_at < now()")
                .executeUpdate());
        return done;
    }

    /** How many Keycloak users are still to be deleted (for tests and operators). */
    @Transactional
    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from keycloak_deletion").getSingleResult()).longValue();
    }

    /**
     * One attempt, holding the row's lock across the Keycloak call so two replicas never work on the same row;
     * {@code onlyWhenDue}: skip a row whose pause after a failure has not passed. True when the user is gone.
     */
    private boolean attempt(long id, boolean onlyWhenDue) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select member_id, subject, attempts from keycloak_deletion where id = :id"
                            + (onlyWhenDue ? " and next_attempt_at <= now()" : "") + " for update skip locked")
                    .setParameter("id", id).getResultList();
            if (rows.isEmpty()) {
                return false; // done already, not due, or another replica is on it
            }
            long memberId = ((Number) rows.get(0)[0]).longValue();
            String subject = (String) rows.get(0)[1];
            int attempts = ((Number) rows.get(0)[2]).intValue();
            String failure = deleteUser(subject);
            revoke(subject); // tokens stay refused until none issued before this moment can be valid
            if (failure == null) {
                em.createNativeQuery("delete from keycloak_deletion where id = :id").setParameter("id", id).executeUpdate();
                audit.record(new Viewer(memberId, "deleted-" + memberId, Set.of()), ModActionKind.DELETE_KEYCLOAK_USER,
                        AuditLog.Target.MEMBER, Long.toString(memberId), memberId, null, null,
                        AuditLog.json("attempts", attempts + 1));
                return true;
            }
            metrics.keycloakDeletionFailed();
            LOG.warnf("Could not delete the Keycloak user of member %d (attempt %d), will retry: %s", memberId, attempts + 1, failure);
            // wait one retry period after the first failure, doubling up to an hour
            long pause = Math.min(3600, config.keycloakAdmin().retryEvery().toSeconds() * (1L << Math.min(attempts, 12)));
            em.createNativeQuery("""
                            update keycloak_deletion set attempts = attempts + 1, last_error = :e,
                                   next_attempt_at = now() + make_interval(secs => :p)
                            where id = :id""")
                    .setParameter("e", failure.length() > MAX_ERROR ? failure.substring(0, MAX_ERROR) : failure)
                    .setParameter("p", pause).setParameter("id", id).executeUpdate();
            return false;
        });
    }

    private void revoke(String subject) {
        em.createNativeQuery("""
                        insert into revoked_subject (subject, expires_at) values (:s, now() + make_interval(secs => :r))
                        on conflict (subject) do update set expires_at = greatest(revoked_subject.expires_at, excluded.expires_at)""")
                .setParameter("s", subject).setParameter("r", SignedOutSessions.RETENTION.toSeconds()).executeUpdate();
    }

    /** Deletes the user; null when it is gone (deleted now, or already), else why not. */
    private String deleteUser(String subject) {
        try (Response response = client().realm(realm()).users().delete(subject)) {
            int status = response.getStatus();
            if (status == 204 || status == 200 || status == 404) {
                return null;
            }
            return "Keycloak answered HTTP " + status;
        } catch (RuntimeException e) {
            // unreachable, token refused (wrong secret, missing roles), timeouts: all worth retrying
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The Keycloak base URL and realm come from the app's OIDC realm URL, so the two can never disagree. */
    private String serverUrl() {
        int at = realmUrl.indexOf("/realms/");
        return at < 0 ? realmUrl : realmUrl.substring(0, at);
    }

    private String realm() {
        int at = realmUrl.indexOf("/realms/");
        String realm = at < 0 ? "" : realmUrl.substring(at + "/realms/".length());
        return realm.endsWith("/") ? realm.substring(0, realm.length() - 1) : realm;
    }

    private Keycloak client() {
        Keycloak client = keycloak;
        if (client == null) {
            synchronized (this) {
                if (keycloak == null) {
                    keycloak = KeycloakBuilder.builder()
                            .serverUrl(serverUrl())
                            .realm(realm())
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                            .clientId(config.keycloakAdmin().clientId())
                            .clientSecret(config.keycloakAdmin().clientSecret())
                            .build();
                }
                client = keycloak;
            }
        }
        return client;
    }

    void close(@Observes ShutdownEvent event) {
        Keycloak client = keycloak;
        if (client != null) {
            client.close();
        }
    }
}
