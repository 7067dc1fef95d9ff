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

/**
 * In-app notifications: moderation decisions and sanctions (written here by moderators' actions) and activity
 * (replies, mentions, new answers on followed questions: {@link org.agora.notification.ActivityNotifier}). Each is
 * written in the same transaction as what it announces.
 */
@ApplicationScoped
public class Notifications {

    public record Notification(long id, String kind, String text, String link, Instant createdAt, boolean read) {
    }

    private static final int MAX_IDS = 200;

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

    /**
     * A notification about a comment (a reply, a mention, a new answer). Each person hears about a comment once per
     * kind, however often it is published (held, approved, removed, restored): the database keeps the first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyAbout(long memberId, String kind, long commentId, String text, String link) {
        em.createNativeQuery("""
                        insert into notification (member_id, kind, comment_id, text, link) values (:m, :k, :c, :t, :l)
                        on conflict (member_id, comment_id, kind) where comment_id is not null do nothing""")
                .setParameter("m", memberId).setParameter("k", kind).setParameter("c", commentId)
                .setParameter("t", clip(text)).setParameter("l", link)
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

    /** Marks all the viewer's notifications read; answers how many were unread. */
    @Transactional
    public int markAllRead(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        return em.createNativeQuery("update notification set read_at = now() where member_id = :m and read_at is null")
                .setParameter("m", viewer.memberId()).executeUpdate();
    }

    /**
     * Marks some of the viewer's notifications read. Ids that are not theirs (or don't exist) change nothing, so
     * nobody learns which ids belong to others.
     */
    @Transactional
    public int markRead(Viewer viewer, java.util.Collection<Long> ids) {
        guardian.ensureSignedIn(viewer);
        if (ids.isEmpty()) {
            return 0;
        }
        if (ids.size() > MAX_IDS) {
            throw org.agora.web.AppException.invalid("ids", "Mark at most " + MAX_IDS + " notifications at a time.");
        }
        return em.createNativeQuery("update notification set read_at = now() where member_id = :m and id in (:ids) and read_at is null")
                .setParameter("m", viewer.memberId()).setParameter("ids", ids).executeUpdate();
    }

    /** How many of the viewer's notifications are unread (0 for visitors). */
    @Transactional
    public long unreadCount(Viewer viewer) {
        if (!viewer.signedIn()) {
            return 0;
        }
        return ((Number) em.createNativeQuery("select count(*) from notification where member_id = :m and read_at is null")
                .setParameter("m", viewer.memberId()).getSingleResult()).longValue();
    }

    /** A notification's text fits its column (1000 characters). */
    public static String clip(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
