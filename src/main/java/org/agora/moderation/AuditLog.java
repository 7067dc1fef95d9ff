package org.agora.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agora.comment.CommentService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;

/**
 * The staff action log (Discourse's StaffActionLogger, Lemmy's modlog). {@link #record} joins the caller's
 * transaction ({@code MANDATORY}), so an action and its audit row commit together or not at all.
 */
@ApplicationScoped
public class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 200;

    public enum Target { COMMENT, QUESTION, MEMBER, WORDS, SEMINAR }

    /** One row of the log, with usernames resolved. */
    public record Entry(long id, String actor, String action, String targetKind, String targetId, String member,
            String reason, String before, String after, Instant createdAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Viewer actor, ModActionKind action, Target target, String targetId, Long memberId, String reason,
            String before, String after) {
        record(actor, action, target, targetId, memberId, reason, before, after, null);
    }

    /** {@code seminarId}: the seminar the action was taken in (a tutor's action), null for site-wide ones. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Viewer actor, ModActionKind action, Target target, String targetId, Long memberId, String reason,
            String before, String after, Long seminarId) {
        em.createNativeQuery("""
                        insert into mod_action (actor_id, action, target_kind, target_id, member_id, reason, before_state, after_state,
                                                seminar_id)
                        values (:actor, :action, :kind, :target, :member, :reason, :before, :after, :seminar)""")
                .setParameter("seminar", seminarId)
                .setParameter("actor", actor.memberId())
                .setParameter("action", action.db())
                .setParameter("kind", target.name().toLowerCase(java.util.Locale.ROOT))
                .setParameter("target", targetId)
                .setParameter("member", memberId)
                .setParameter("reason", reason)
                .setParameter("before", before)
                .setParameter("after", after)
                .executeUpdate();
    }

    /** The newest entries first, optionally filtered by moderator, affected member and action (usernames, action name). */
    @Transactional
    public List<Entry> entries(Viewer viewer, String actor, String member, String action) {
        guardian.ensureCanModerate(viewer);
        ModActionKind kind = blank(action) ? null : ModActionKind.parse(action);
        if (!blank(action) && kind == null) {
            throw org.agora.web.AppException.invalid("action", "Unknown action '" + action + "'.");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select a.id, actor.username, a.action, a.target_kind, a.target_id, m.username, a.reason,
                               a.before_state, a.after_state, a.created_at
                        from mod_action a join member actor on actor.id = a.actor_id left join member m on m.id = a.member_id
                        where (cast(:actor as varchar) is null or actor.username = cast(:actor as varchar))
                          and (cast(:member as varchar) is null or m.username = cast(:member as varchar))
                          and (cast(:action as varchar) is null or a.action = cast(:action as varchar))
                        order by a.id desc limit :page""")
                .setParameter("actor", blank(actor) ? null : actor.strip())
                .setParameter("member", blank(member) ? null : member.strip())
                .setParameter("action", kind == null ? null : kind.db())
                .setParameter("page", PAGE)
                .getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], CommentService.toInstant(r[9]))).toList();
    }

    /** A small JSON object from alternating keys and values, for the before/after columns. */
    public static String json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
