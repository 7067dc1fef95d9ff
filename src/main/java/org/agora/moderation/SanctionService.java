package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.agora.i18n.Msg;
import org.agora.comment.CommentService;
import org.agora.member.Member;
import org.agora.security.Guardian;
import org.agora.security.Restriction;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/** Warnings, suspensions and bans: written with their audit row, and a ban can reject all the person's comments. */
@ApplicationScoped
public class SanctionService {

    private static final int MAX_REASON = 1000;

    /** A warning the member has not acknowledged yet. */
    public record Warning(long id, String reason, Instant createdAt) {
    }

    /** What a sanction did, for the answer. */
    public record Outcome(long id, String member, String kind, Instant until, String reason, int rejectedComments) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AuditLog audit;

    @Inject
    Notifications notifications;

    @Transactional
    public Outcome sanction(Viewer viewer, String username, String kindName, String untilText, String reason, boolean rejectAll) {
        guardian.ensureCanModerate(viewer);
        Instant until = parseUntil(untilText);
        Member member = Member.findByUsername(username == null ? "" : username.strip())
                .orElseThrow(() -> AppException.notFound("member"));
        guardian.ensureCanSanction(viewer, member.id);
        SanctionKind kind = SanctionKind.parse(kindName);
        if (kind == null) {
            throw AppException.invalid("kind", "The kind must be one of warn, suspend, ban.");
        }
        String why = reason == null ? "" : org.agora.web.StorableText.check("reason", reason).strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw AppException.invalid("reason", "Give a reason (up to " + MAX_REASON + " characters); the person will see it.").localized(m -> m.error_sanctionReason(MAX_REASON));
        }
        if (kind == SanctionKind.SUSPEND && (until == null || !until.isAfter(Instant.now()))) {
            throw AppException.invalid("until", "A suspension needs an end in the future.").localized(Msg::error_suspensionEnd);
        }
        if (kind != SanctionKind.SUSPEND && until != null) {
            throw AppException.invalid("until", "Only a suspension has an end date.").localized(Msg::error_onlySuspensionEnds);
        }
        if (rejectAll && kind != SanctionKind.BAN) {
            throw AppException.invalid("rejectAll", "Only a ban can reject all of a person's comments.").localized(Msg::error_onlyBanRejectsAll);
        }
        String before = AuditLog.json("restriction", describe(restrictionOf(member.id)));
        long id = ((Number) em.createNativeQuery("""
                        insert into sanction (member_id, kind, reason, until, created_by) values (:m, :k, :r, :u, :by) returning id""")
                .setParameter("m", member.id).setParameter("k", kind.db()).setParameter("r", why)
                .setParameter("u", until).setParameter("by", viewer.memberId())
                .getSingleResult()).longValue();
        int rejected = rejectAll ? rejectAllPublished(member.id) : 0;
        audit.record(viewer, kind.kind(), AuditLog.Target.MEMBER, member.username, member.id, why, before,
                AuditLog.json("restriction", describe(restrictionOf(member.id)), "sanction", kind.db(),
                        "until", until == null ? null : until.toString(), "rejectedComments", rejected));
        notifications.notify(member.id, "sanction_" + kind.db(), switch (kind) {
            case WARN -> "A moderator warned you: " + why;
            case SUSPEND -> "A moderator suspended you until " + until + ": " + why;
            case BAN -> "A moderator banned you: " + why;
        }, null);
        return new Outcome(id, member.username, kind.db(), until, why, rejected);
    }

    /** The suspension or ban that stops the member writing now, if any; a ban outranks a suspension. */
    @Transactional
    public Restriction restrictionOf(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select kind, until, reason from sanction
                        where member_id = :m and (kind = 'ban' or (kind = 'suspend' and until > now()))
                        order by kind = 'ban' desc, until desc limit 1""")
                .setParameter("m", memberId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Restriction("ban".equals(r[0]) ? Restriction.Kind.BANNED : Restriction.Kind.SUSPENDED,
                CommentService.toInstant(r[1]), (String) r[2]);
    }

    /**
     * What every page needs to know about a signed-in member, read once per request. {@code unreadNotifications} is
     * null when it was not counted (JSON API requests never show it; {@code CurrentMember} counts it on demand).
     */
    public record Standing(Restriction restriction, Warning warning, Long unreadNotifications) {
        public static final Standing CLEAR = new Standing(null, null, 0L);
    }

    /**
     * The member's restriction, oldest unacknowledged warning and unread notification count in one statement, so a
     * signed-in page costs one query for all of them rather than three.
     */
    @Transactional
    public Standing standingOf(long memberId) {
        Object[] r = (Object[]) em.createNativeQuery("select " + STANDING_COLUMNS + UNREAD + " from (select cast(:m as bigint) as id) m"
                        + STANDING_JOINS)
                .setParameter("m", memberId).getSingleResult();
        return standing(r, 0);
    }

    /** A member found by their token's subject, as stored, with their standing; read in one statement. */
    public record KnownMember(long id, String username, String displayName, String email, Standing standing) {
    }

    /**
     * The member with this OIDC subject and their standing, in one statement: every signed-in request asks this
     * first, so it costs one round trip when the member is known and unchanged. Empty for a first visit.
     */
    public java.util.Optional<KnownMember> knownMember(String subject) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.username, m.display_name, m.email, " + STANDING_COLUMNS + UNREAD
                        + " from member m" + STANDING_JOINS + " where m.subject = :subject")
                .setParameter("subject", subject).getResultList();
        return rows.stream().findFirst().map(r -> knownMember(r, 0));
    }

    /**
     * The sign-out check and {@link #knownMember} in one statement, for security/SignedOutSessions, which runs it
     * (over JDBC, during authentication) for every signed-in request: column 1 says whether the session (parameter
     * 1, its {@code sid}) or the subject (parameter 2) has signed out, columns 2.. are the member with the subject
     * (parameter 3) and their standing, all null for a first visit. {@code withUnread}: also count the unread
     * notifications (pages show them; JSON API requests don't, and skip the count).
     */
    public static String signedOutOrKnownMemberSql(boolean withUnread) {
        return "select s.signed_out, m.username, m.display_name, m.email, " + STANDING_COLUMNS + (withUnread ? UNREAD : ", null")
                + " from (select exists (select 1 from signed_out_session where sid = ?)"
                + " or exists (select 1 from revoked_subject where subject = ?) as signed_out) s"
                + " left join member m on m.subject = ?" + STANDING_JOINS;
    }

    /** A row of {@link #signedOutOrKnownMemberSql} or {@link #knownMember}, from the user name at {@code from}; null when no member. */
    public static KnownMember knownMember(Object[] r, int from) {
        if (r[from + 3] == null) {
            return null;
        }
        return new KnownMember(((Number) r[from + 3]).longValue(), (String) r[from], (String) r[from + 1],
                (String) r[from + 2], standing(r, from + 3));
    }

    /** The unread notifications of a member, for a request whose standing was read without them. */
    @Transactional
    public long unreadNotifications(long memberId) {
        return ((Number) em.createNativeQuery("select count(*) from notification n where n.member_id = :m and n.read_at is null")
                .setParameter("m", memberId).getSingleResult()).longValue();
    }

    /** The columns of a standing for the member row {@code m}, in the order {@link #standing} reads them, then {@link #UNREAD}. */
    private static final String STANDING_COLUMNS = """
            m.id, restriction.kind, restriction.until, restriction.reason, warning.id, warning.reason, warning.created_at""";

    private static final String UNREAD = ", (select count(*) from notification n where n.member_id = m.id and n.read_at is null)";

    private static final String STANDING_JOINS = """

            left join lateral (
                select kind, until, reason from sanction
                where member_id = m.id and (kind = 'ban' or (kind = 'suspend' and until > now()))
                order by kind = 'ban' desc, until desc limit 1) restriction on true
            left join lateral (
                select id, reason, created_at from sanction
                where member_id = m.id and kind = 'warn' and acknowledged_at is null
                order by id limit 1) warning on true""";

    /** Reads {@link #STANDING_COLUMNS} after the member id at {@code from}. */
    private static Standing standing(Object[] r, int from) {
        Restriction restriction = r[from + 1] == null ? null
                : new Restriction("ban".equals(r[from + 1]) ? Restriction.Kind.BANNED : Restriction.Kind.SUSPENDED,
                        CommentService.toInstant(r[from + 2]), (String) r[from + 3]);
        Warning warning = r[from + 4] == null ? null
                : new Warning(((Number) r[from + 4]).longValue(), (String) r[from + 5], CommentService.toInstant(r[from + 6]));
        return new Standing(restriction, warning, r[from + 7] == null ? null : ((Number) r[from + 7]).longValue());
    }

    /** The viewer acknowledges their own warning; it stops showing. */
    @Transactional
    public void acknowledge(Viewer viewer, long warningId) {
        guardian.ensureSignedIn(viewer);
        int updated = em.createNativeQuery("""
                        update sanction set acknowledged_at = now()
                        where id = :id and member_id = :m and kind = 'warn' and acknowledged_at is null""")
                .setParameter("id", warningId).setParameter("m", viewer.memberId()).executeUpdate();
        if (updated == 0) {
            throw AppException.notFound("warning");
        }
    }

    private int rejectAllPublished(long memberId) {
        em.createNativeQuery("""
                        update question q set comment_count = q.comment_count - x.n
                        from (select question_id, count(*) as n from comment
                              where author_id = :m and status = 'published' and seminar_id is null group by question_id) x
                        where q.id = x.question_id""")
                .setParameter("m", memberId).executeUpdate();
        em.createNativeQuery("update report set resolved_at = now() where resolved_at is null and comment_id in "
                        + "(select id from comment where author_id = :m and status = 'published')")
                .setParameter("m", memberId).executeUpdate();
        return em.createNativeQuery("""
                        update comment set status = 'rejected', moderation_reason = 'ban', pinned = false, open_reports = 0
                        where author_id = :m and status = 'published'""")
                .setParameter("m", memberId).executeUpdate();
    }

    /** An ISO instant ({@code 2026-12-01T18:00:00Z}) or a date ({@code 2026-12-01}, meaning its start in UTC); null when blank. */
    static Instant parseUntil(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            try {
                return java.time.LocalDate.parse(text.strip()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException notADate) {
                throw AppException.invalid("until", "Give the end as a date (2026-12-01) or an instant (2026-12-01T18:00:00Z).").localized(Msg::error_untilFormat);
            }
        }
    }

    private static String describe(Restriction restriction) {
        return restriction == null ? "none"
                : restriction.kind() == Restriction.Kind.BANNED ? "banned" : "suspended until " + restriction.until();
    }
}
