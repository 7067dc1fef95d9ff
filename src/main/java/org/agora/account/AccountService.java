package org.agora.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agora.member.Member;
import org.agora.member.MemberLocks;
import org.agora.moderation.AuditLog;
import org.agora.moderation.ModActionKind;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * A member's data rights: a JSON export of everything Agora holds about them, and deleting their account. Both are
 * audited with the member as the actor; a deletion writes one audit row per step, in the transaction that does it.
 */
@ApplicationScoped
public class AccountService {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AuditLog audit;

    @Inject
    MemberLocks memberLocks;

    @Inject
    KeycloakDeletions keycloakDeletions;

    /** Everything about the viewer, as plain maps and lists ready for JSON. */
    @Transactional
    public Map<String, Object> export(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        long me = viewer.memberId();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exportedAt", Instant.now());
        out.put("member", rows("""
                select id, username, display_name as "displayName", chosen_name as "chosenName", bio, email,
                       email_digest as "emailDigest", created_at as "createdAt"
                from member where id = :m""", me).get(0));
        List<Map<String, Object>> comments = rows("""
                select c.id, c.question_id as "questionId", q.label as "questionLabel", a.slug as "articleSlug",
                       c.parent_id as "parentId", c.status, c.body, c.ups, c.downs, c.pinned,
                       c.moderation_reason as "moderationReason", c.moderation_message as "moderationMessage",
                       c.created_at as "createdAt", c.edited_at as "editedAt", c.deleted_at as "deletedAt"
                from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
                where c.author_id = :m order by c.id""", me);
        Map<Object, List<Map<String, Object>>> revisions = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("""
                select r.comment_id as "commentId", r.body, r.created_at as "createdAt"
                from comment_revision r join comment c on c.id = r.comment_id where c.author_id = :m order by r.id""", me)) {
            revisions.computeIfAbsent(r.remove("commentId"), k -> new ArrayList<>()).add(r);
        }
        comments.forEach(c -> c.put("revisions", revisions.getOrDefault(c.get("id"), List.of())));
        out.put("comments", comments);
        out.put("commentVotes", rows("""
                select comment_id as "commentId", value, created_at as "createdAt" from comment_vote where member_id = :m
                order by comment_id""", me));
        out.put("questionVotes", rows("""
                select question_id as "questionId", value, created_at as "createdAt" from question_vote where member_id = :m
                order by question_id""", me));
        out.put("reactions", rows("""
                select a.slug as "articleSlug", r.kind, r.created_at as "createdAt"
                from reaction r join article a on a.id = r.article_id where r.member_id = :m order by a.slug""", me));
        out.put("follows", rows("""
                select question_id as "questionId", created_at as "createdAt" from question_follow where member_id = :m
                order by question_id""", me));
        out.put("reports", rows("""
                select comment_id as "commentId", reason, note, created_at as "createdAt", resolved_at as "resolvedAt"
                from report where reporter_id = :m order by id""", me));
        out.put("notifications", rows("""
                select id, kind, text, link, read_at is not null as read, created_at as "createdAt"
                from notification where member_id = :m order by id""", me));
        out.put("seminarAnnouncements", rows("""
                select id, seminar_id as "seminarId", body, created_at as "createdAt"
                from seminar_announcement where author_id = :m order by id""", me));
        out.put("sanctions", rows("""
                select kind, reason, until, created_at as "createdAt", acknowledged_at as "acknowledgedAt"
                from sanction where member_id = :m order by id""", me));
        // what moderators decided about this member's comments and account (who decided is the moderator's data)
        out.put("moderationAboutMe", rows("""
                select action, target_kind as "targetKind", target_id as "targetId", reason, created_at as "createdAt"
                from mod_action where member_id = :m and actor_id <> :m order by id""", me));
        out.put("actionsTaken", rows("""
                select action, target_kind as "targetKind", target_id as "targetId", reason, created_at as "createdAt"
                from mod_action where actor_id = :m order by id""", me));
        audit.record(viewer, ModActionKind.EXPORT_DATA, AuditLog.Target.MEMBER, Long.toString(me), me, null, null,
                AuditLog.json("comments", comments.size()));
        return out;
    }

    /**
     * Deletes the viewer's account: votes and reactions go, with every tally they counted in corrected in the same
     * statement; open reports are withdrawn; follows, notifications and rate-limit counters go; comments stay in
     * their threads, signed "[deleted member]"; the member row loses its subject, names, bio and e-mail. In the same
     * transaction the Keycloak user is queued for deletion and the member's tokens are revoked, so every session
     * ends at once; the Keycloak user goes right after the commit, or later if Keycloak is down
     * ({@link KeycloakDeletions}), and then that person can't sign in any more.
     */
    @Transactional
    public void delete(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        long me = viewer.memberId();
        if (!guardian.canManageAccount(viewer, me)) {
            throw AppException.forbidden("Only you can delete your account.");
        }
        memberLocks.lock(me);
        Member member = Member.findById(me);
        if (member.deletedAt != null) {
            throw AppException.notFound("account");
        }
        String target = Long.toString(me);

        Object[] commentVotes = counts("""
                with gone as (delete from comment_vote where member_id = :m returning comment_id, value),
                fixed as (update comment c set ups = c.ups - g.ups, downs = c.downs - g.downs
                          from (select comment_id, count(*) filter (where value = 1) as ups, count(*) filter (where value = -1) as downs
                                from gone group by comment_id) g
                          where c.id = g.comment_id returning 1)
                select (select count(*) from gone), (select count(*) from fixed)""", me);
        Object[] questionVotes = counts("""
                with gone as (delete from question_vote where member_id = :m returning question_id, value),
                fixed as (update question q set ups = q.ups - g.ups, downs = q.downs - g.downs
                          from (select question_id, count(*) filter (where value = 1) as ups, count(*) filter (where value = -1) as downs
                                from gone group by question_id) g
                          where q.id = g.question_id returning 1)
                select (select count(*) from gone), (select count(*) from fixed)""", me);
        audit.record(viewer, ModActionKind.DELETE_VOTES, AuditLog.Target.MEMBER, target, me, null, null,
                AuditLog.json("commentVotes", commentVotes[0], "questionVotes", questionVotes[0]));

        Object[] reactions = counts("""
                with gone as (delete from reaction where member_id = :m returning article_id, kind),
                locked as (select s.article_id, s.kind, s.slot from article_reaction_tally_slot s
                           join gone g on g.article_id = s.article_id and g.kind = s.kind
                           where s.slot = agora_reaction_slot(:m)
                           order by s.article_id, s.kind for no key update of s),
                fixed as (update article_reaction_tally_slot s set count = s.count - 1
                          from locked l
                          where s.article_id = l.article_id and s.kind = l.kind and s.slot = l.slot returning 1)
                select (select count(*) from gone), (select count(*) from fixed)""", me);
        audit.record(viewer, ModActionKind.DELETE_REACTIONS, AuditLog.Target.MEMBER, target, me, null, null,
                AuditLog.json("reactions", reactions[0]));

        Object[] reports = counts("""
                with gone as (delete from report where reporter_id = :m returning comment_id, resolved_at),
                fixed as (update comment c set open_reports = c.open_reports - g.n
                          from (select comment_id, count(*) as n from gone where resolved_at is null group by comment_id) g
                          where c.id = g.comment_id returning 1)
                select (select count(*) from gone), (select count(*) from fixed)""", me);
        audit.record(viewer, ModActionKind.WITHDRAW_REPORTS, AuditLog.Target.MEMBER, target, me, null, null,
                AuditLog.json("reports", reports[0], "openReportsWithdrawn", reports[1]));

        int notifications = execute("delete from notification where member_id = :m", me);
        int follows = execute("delete from question_follow where member_id = :m", me);
        execute("delete from rate_limit where member_id = :m", me);
        audit.record(viewer, ModActionKind.DELETE_NOTIFICATIONS, AuditLog.Target.MEMBER, target, me, null, null,
                AuditLog.json("notifications", notifications, "follows", follows));

        long comments = ((Number) em.createNativeQuery("select count(*) from comment where author_id = :m")
                .setParameter("m", me).getSingleResult()).longValue();
        audit.record(viewer, ModActionKind.ANONYMISE_COMMENTS, AuditLog.Target.MEMBER, target, me, null, null,
                AuditLog.json("comments", comments, "author", Member.DELETED_NAME));

        String before = AuditLog.json("username", member.username);
        keycloakDeletions.enqueue(me, member.subject);
        em.createNativeQuery("""
                        update member set subject = 'deleted:' || id, username = 'deleted-' || id, display_name = :name,
                               chosen_name = null, bio = null, email = null, email_digest = false, deleted_at = now()
                        where id = :m""")
                .setParameter("name", Member.DELETED_NAME).setParameter("m", me).executeUpdate();
        audit.record(viewer, ModActionKind.DELETE_ACCOUNT, AuditLog.Target.MEMBER, target, me, null, before,
                AuditLog.json("username", "deleted-" + me));
    }

    private Object[] counts(String sql, long me) {
        return (Object[]) em.createNativeQuery(sql).setParameter("m", me).getSingleResult();
    }

    private int execute(String sql, long me) {
        return em.createNativeQuery(sql).setParameter("m", me).executeUpdate();
    }

    /** Rows as maps keyed by the column aliases, timestamps as instants. */
    private List<Map<String, Object>> rows(String sql, long me) {
        @SuppressWarnings("unchecked")
        List<jakarta.persistence.Tuple> tuples = em.createNativeQuery(sql, jakarta.persistence.Tuple.class)
                .setParameter("m", me).getResultList();
        List<Map<String, Object>> out = new ArrayList<>(tuples.size());
        for (jakarta.persistence.Tuple t : tuples) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (jakarta.persistence.TupleElement<?> e : t.getElements()) {
                Object value = t.get(e);
                if (value instanceof OffsetDateTime odt) {
                    value = odt.toInstant();
                } else if (value instanceof java.sql.Timestamp ts) {
                    value = ts.toInstant();
                }
                row.put(e.getAlias(), value);
            }
            out.add(row);
        }
        return out;
    }
}
