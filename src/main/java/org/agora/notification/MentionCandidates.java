package org.agora.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agora.comment.PublicComments;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.seminar.SeminarAccess;
import org.agora.seminar.SeminarGate;
import org.agora.web.AppException;

/**
 * Who an @mention can name, for autocomplete: in a public thread, members who have written publicly, those in the
 * same thread first (never a seminar pseudonym); in a seminar thread, that seminar's people only.
 * Only usernames (and a name the member chose for their profile) are offered, never the identity provider's real
 * name, so autocomplete reveals nothing a public thread doesn't.
 */
@ApplicationScoped
public class MentionCandidates {

    public static final int LIMIT = 10;
    private static final int MAX_PREFIX = 100;

    /**
     * One suggestion: {@code mention} is what to write after the @; {@code username} and {@code name} only what the
     * caller may see (in an anonymous seminar a student gets neither for a peer: the pseudonym is all there is).
     */
    public record Candidate(String mention, String username, String name) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    SeminarGate gate;

    @Transactional
    public List<Candidate> candidates(Viewer viewer, String prefix, Long questionId) {
        String p = cleanPrefix(viewer, prefix);
        if (questionId != null) {
            Question.<Question>findByIdOptional(questionId).filter(q -> guardian.canSeeQuestion(viewer, q))
                    .orElseThrow(() -> AppException.notFound("question"));
        }
        // LIKE wildcards in what was typed are literal
        String pattern = p.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.username, m.chosen_name, coalesce(bool_or(q.id = cast(:q as bigint)), false) as here, max(c.created_at) as latest
                        from member m join comment c on c.author_id = m.id
                        join question q on q.id = c.question_id join article a on a.id = q.article_id
                        where m.deleted_at is null and lower(m.username) like :pattern and m.id <> :me and\s""" + PublicComments.COMMENT + """
                        group by m.id, m.username, m.chosen_name
                        order by here desc, latest desc, m.username
                        limit :n""")
                .setParameter("q", questionId)
                .setParameter("pattern", pattern)
                .setParameter("me", viewer.memberId())
                .setParameter("n", LIMIT)
                .getResultList();
        return rows.stream().map(r -> new Candidate((String) r[0], (String) r[0], (String) r[1])).toList();
    }

    /**
     * Who a mention in a seminar thread can name: its current members and its tutor, nobody else (404 to anyone who
     * can't see the seminar). In an anonymous seminar members are offered as pseudonyms ({@code Student-12}); a
     * student matches and sees nothing but pseudonyms (and the tutor's username, which the seminar shows), while its
     * tutor, moderators and admins also see, and may type, real usernames.
     */
    @Transactional
    public List<Candidate> inSeminar(Viewer viewer, String prefix, long seminarId) {
        String p = cleanPrefix(viewer, prefix).toLowerCase(Locale.ROOT);
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        boolean real = guardian.canSeeRealNames(viewer, seminar);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.id, m.username, sm.pseudonym from member m
                        left join seminar_member sm on sm.member_id = m.id and sm.seminar_id = :s and sm.removed_at is null
                        where m.deleted_at is null and m.id <> :me and (m.id = :t or sm.member_id is not null)
                        order by m.id = :t desc, sm.pseudonym""")
                .setParameter("s", seminar.id()).setParameter("t", seminar.tutorId()).setParameter("me", viewer.memberId())
                .getResultList();
        List<Candidate> result = new ArrayList<>();
        for (Object[] r : rows) {
            String username = (String) r[1];
            boolean tutor = ((Number) r[0]).longValue() == seminar.tutorId();
            Candidate c = tutor || !seminar.anonymous() ? new Candidate(username, username, null)
                    : new Candidate(Mentions.pseudonymMention(((Number) r[2]).intValue()), real ? username : null, real ? username : null);
            boolean matches = c.mention().toLowerCase(Locale.ROOT).startsWith(p)
                    || (c.username() != null && c.username().toLowerCase(Locale.ROOT).startsWith(p));
            if (matches && result.size() < LIMIT) {
                result.add(c);
            }
        }
        return result;
    }

    private String cleanPrefix(Viewer viewer, String prefix) {
        guardian.ensureSignedIn(viewer);
        String p = prefix == null ? "" : prefix.strip();
        if (p.startsWith("@")) {
            p = p.substring(1);
        }
        if (p.length() > MAX_PREFIX) {
            throw AppException.invalid("prefix", "A prefix is at most " + MAX_PREFIX + " characters.");
        }
        return p;
    }
}
