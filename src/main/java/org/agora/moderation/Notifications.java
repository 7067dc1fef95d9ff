package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.agora.comment.CommentService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;

/** In-app notifications: written in the same transaction as the decision they announce. */
@ApplicationScoped
public class Notifications {

    public record Notification(long id, String kind, String text, String link, Instant createdAt, boolean read) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Transactional(Transactional.TxType.MANDATORY)
    public void notify(long memberId, String kind, String text, String link) {
        em.createNativeQuery("insert into notification (member_id, kind, text, link) values (:m, :k, :t, :l)")
                .setParameter("m", memberId).setParameter("k", kind).setParameter("t", clip(text)).setParameter("l", link)
                .executeUpdate();
    }

    /** The viewer's latest notifications, newest first. */
    @Transactional
    public List<Notification> mine(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, kind, text, link, created_at, read_at is not null from notification
                        where member_id = :m order by id desc limit 50""")
                .setParameter("m", viewer.memberId()).getResultList();
        return rows.stream().map(r -> new Notification(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                CommentService.toInstant(r[4]), (Boolean) r[5])).toList();
    }

    @Transactional
    public void markAllRead(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        em.createNativeQuery("update notification set read_at = now() where member_id = :m and read_at is null")
                .setParameter("m", viewer.memberId()).executeUpdate();
    }

    private static String clip(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
