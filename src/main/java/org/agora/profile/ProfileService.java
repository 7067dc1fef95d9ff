package org.agora.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.agora.comment.CommentService;
import org.agora.comment.PublicComments;
import org.agora.member.Member;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/** Public profiles (what a person said in public, the questions they answered, their score) and one's own settings. */
@ApplicationScoped
public class ProfileService {

    private static final int RECENT = 30;

    /** What a person may change about themselves. */
    public record Settings(String username, String displayName, String chosenName, String bio, String email, boolean emailDigest) {
    }

    /** One public comment on a profile. */
    public record ProfileComment(long id, String bodyHtml, int score, Instant createdAt, String questionLabel, String link) {
    }

    /** A question the person answered publicly, with how many public answers they gave there. */
    public record AnsweredQuestion(long id, String label, String articleTitle, String link, int answers) {
    }

    public record Profile(String username, String name, String bio, Instant memberSince, int score, int commentCount,
            List<AnsweredQuestion> answered, List<ProfileComment> comments) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Transactional
    public Settings settings(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        Member m = Member.findById(viewer.memberId());
        return new Settings(m.username, m.displayName, m.chosenName, m.bio, m.email, m.emailDigest);
    }

    /** Saves the viewer's name, bio and digest choice, cleaned by {@link ProfileText}. */
    @Transactional
    public Settings update(Viewer viewer, String displayName, String bio, boolean emailDigest) {
        guardian.ensureSignedIn(viewer);
        Member m = Member.findById(viewer.memberId());
        if (!guardian.canManageAccount(viewer, m.id)) {
            throw AppException.forbidden("Only you can change your profile.");
        }
        m.chosenName = ProfileText.name(displayName);
        m.bio = ProfileText.bio(bio);
        if (emailDigest && m.email == null) {
            throw AppException.invalid("emailDigest", "Your account has no e-mail address to send digests to.");
        }
        m.emailDigest = emailDigest;
        return new Settings(m.username, m.displayName, m.chosenName, m.bio, m.email, m.emailDigest);
    }

    /**
     * A person's public profile: only published comments in visible questions count, for the list and for the score
     * alike, so nothing held, removed or hidden shows through. Four statements, whatever the person's history.
     */
    @Transactional
    public Profile profile(String username) {
        Member m = Member.findByUsername(username).filter(x -> x.deletedAt == null)
                .orElseThrow(() -> AppException.notFound("member"));
        Object[] totals = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(c.ups - c.downs), 0), count(*)
                        from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
                        where c.author_id = :m and\s""" + PublicComments.COMMENT)
                .setParameter("m", m.id).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> answered = em.createNativeQuery("""
                        select q.id, q.label, a.title, a.slug, count(*)
                        from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
                        where c.author_id = :m and c.depth = 0 and\s""" + PublicComments.COMMENT + """
                        group by q.id, q.label, a.title, a.slug
                        order by max(c.created_at) desc limit :n""")
                .setParameter("m", m.id).setParameter("n", RECENT).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> comments = em.createNativeQuery("""
                        select c.id, c.body_html, c.ups - c.downs, c.created_at, q.label, a.slug, q.id
                        from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
                        where c.author_id = :m and\s""" + PublicComments.COMMENT + """
                        order by c.created_at desc, c.id desc limit :n""")
                .setParameter("m", m.id).setParameter("n", RECENT).getResultList();
        return new Profile(m.username, m.shownName(), m.bio, m.createdAt,
                ((Number) totals[0]).intValue(), ((Number) totals[1]).intValue(),
                answered.stream().map(r -> new AnsweredQuestion(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        "/articles/" + r[3] + "/questions/" + r[0], ((Number) r[4]).intValue())).toList(),
                comments.stream().map(r -> new ProfileComment(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(),
                        CommentService.toInstant(r[3]), (String) r[4],
                        "/articles/" + r[5] + "/questions/" + r[6] + "#c-" + r[0])).toList());
    }
}
