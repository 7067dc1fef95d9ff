package org.agora.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.agora.comment.PublicComments;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * Who an @mention can name, for autocomplete: members who have written publicly, those in the same thread first.
 * Only usernames (and a name the member chose for their profile) are offered, never the identity provider's real
 * name, so autocomplete reveals nothing a public thread doesn't.
 */
@ApplicationScoped
public class MentionCandidates {

    public static final int LIMIT = 10;
    private static final int MAX_PREFIX = 100;

    public record Candidate(String username, String name) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Transactional
    public List<Candidate> candidates(Viewer viewer, String prefix, Long questionId) {
        guardian.ensureSignedIn(viewer);
        String p = prefix == null ? "" : prefix.strip();
        if (p.startsWith("@")) {
            p = p.substring(1);
        }
        if (p.length() > MAX_PREFIX) {
            throw AppException.invalid("prefix", "A prefix is at most " + MAX_PREFIX + " characters.");
        }
        if (questionId != null) {
            Question.<Question>findByIdOptional(questionId).filter(q -> guardian.canSeeQuestion(viewer, q))
                    .orElseThrow(() -> AppException.notFound("question"));
        }
        // LIKE wildcards in what was typed are literal
        String pattern = p.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
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
        return rows.stream().map(r -> new Candidate((String) r[0], (String) r[1])).toList();
    }
}
