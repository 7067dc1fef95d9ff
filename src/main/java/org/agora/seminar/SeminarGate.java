package org.agora.seminar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agora.comment.AuthorNames;
import org.agora.comment.Comment;
import org.agora.comment.CommentService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * The door to every seminar row: loads a seminar with the viewer's relation to it and asks the Guardian. Shared
 * routes that act on one comment (edit, delete, vote, report, moderate) call it so a seminar comment answers 404 to
 * anyone outside the seminar, exactly like an id that doesn't exist.
 */
@ApplicationScoped
public class SeminarGate {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    /** The seminar with the viewer's relation to it; empty when no such seminar exists. */
    @Transactional
    public Optional<SeminarAccess> find(Viewer viewer, long seminarId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.id, s.name, s.tutor_id, s.opens_at, s.deadline, s.premoderation, s.anonymous, s.stances,
                               s.frozen, s.revealed, s.archived,
                               exists (select 1 from seminar_member sm
                                       where sm.seminar_id = s.id and sm.member_id = :m and sm.removed_at is null),
                               exists (select 1 from seminar_article sa
                                       join seminar_article oa on oa.article_id = sa.article_id and oa.seminar_id <> sa.seminar_id
                                       join seminar o on o.id = oa.seminar_id
                                       where sa.seminar_id = s.id
                                         and (o.tutor_id = :m or exists (select 1 from seminar_member om
                                              where om.seminar_id = o.id and om.member_id = :m and om.removed_at is null)))
                        from seminar s where s.id = :id""")
                .setParameter("id", seminarId)
                .setParameter("m", viewer.signedIn() ? viewer.memberId() : -1L)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new SeminarAccess(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                CommentService.toInstant(r[3]), CommentService.toInstant(r[4]), (Boolean) r[5], (Boolean) r[6], (Boolean) r[7],
                (Boolean) r[8], (Boolean) r[9], (Boolean) r[10], (Boolean) r[11], (Boolean) r[12]));
    }

    /** The seminar, when the viewer may see it; a 404 naming a seminar otherwise (whether or not it exists). */
    @Transactional
    public SeminarAccess visible(Viewer viewer, long seminarId) {
        SeminarAccess seminar = find(viewer, seminarId).orElseThrow(() -> AppException.notFound("seminar"));
        guardian.ensureCanSeeSeminar(viewer, seminar);
        return seminar;
    }

    /** The seminar, when the viewer runs it; 404 to outsiders, 403 to its members and readers. */
    @Transactional
    public SeminarAccess tutored(Viewer viewer, long seminarId) {
        SeminarAccess seminar = find(viewer, seminarId).orElseThrow(() -> AppException.notFound("seminar"));
        guardian.ensureCanTutor(viewer, seminar);
        return seminar;
    }

    /** A seminar comment is "no such comment" to anyone who can't see its seminar; public comments pass. */
    @Transactional
    public void ensureCanSee(Viewer viewer, Comment comment) {
        if (comment.seminarId != null && !find(viewer, comment.seminarId).filter(s -> guardian.canSeeSeminar(viewer, s)).isPresent()) {
            throw AppException.notFound("comment");
        }
    }

    /** Writing to a seminar comment (edit, delete, vote, report) needs a seminar that is open to the viewer. */
    @Transactional
    public void ensureCanTakePart(Viewer viewer, Comment comment) {
        if (comment.seminarId == null) {
            return;
        }
        SeminarAccess seminar = find(viewer, comment.seminarId)
                .filter(s -> guardian.canSeeSeminar(viewer, s))
                .orElseThrow(() -> AppException.notFound("comment"));
        guardian.ensureCanTakePartIn(viewer, seminar, Instant.now());
    }

    /** Moderating a seminar comment is for whoever runs the seminar; outsiders get a 404. */
    @Transactional
    public SeminarAccess ensureCanModerate(Viewer viewer, Comment comment) {
        SeminarAccess seminar = find(viewer, comment.seminarId)
                .filter(s -> guardian.canSeeSeminar(viewer, s))
                .orElseThrow(() -> AppException.notFound("comment"));
        guardian.ensureCanTutor(viewer, seminar);
        return seminar;
    }

    /** The pseudonym number of each member who ever joined the seminar (removed members keep theirs). */
    @Transactional
    public Map<Long, Integer> pseudonyms(long seminarId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select member_id, pseudonym from seminar_member where seminar_id = :s")
                .setParameter("s", seminarId).getResultList();
        Map<Long, Integer> numbers = new HashMap<>();
        rows.forEach(r -> numbers.put(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
        return numbers;
    }

    /**
     * In an anonymous seminar, when someone who sees real names (the tutor, staff) writes a student's {@code @username},
     * it is stored as the student's pseudonym ({@code @Student-12}), so peers read the pseudonym. A student's own text
     * is left as typed: rewriting it would tell them which pseudonym a username they tried belongs to. The tutor's
     * username stays, since the seminar shows it anyway.
     */
    @Transactional
    public String pseudonymiseMentions(Viewer writer, long seminarId, String text) {
        SeminarAccess seminar = find(Viewer.ANONYMOUS, seminarId).orElse(null);
        if (seminar == null || !seminar.anonymous() || text.indexOf('@') < 0 || !guardian.canSeeRealNames(writer, seminar)) {
            return text;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select lower(m.username), sm.pseudonym from seminar_member sm join member m on m.id = sm.member_id
                        where sm.seminar_id = :s and sm.member_id <> :t""")
                .setParameter("s", seminarId).setParameter("t", seminar.tutorId()).getResultList();
        Map<String, Integer> students = new HashMap<>();
        rows.forEach(r -> students.put((String) r[0], ((Number) r[1]).intValue()));
        return org.agora.notification.Mentions.rewrite(text, name -> {
            Integer number = students.get(name);
            return number == null ? null : org.agora.notification.Mentions.pseudonymMention(number);
        });
    }

    /** How this viewer sees the seminar's authors: real names, or "Student N" for students of an anonymous seminar. */
    public AuthorNames names(Viewer viewer, SeminarAccess seminar, Map<Long, Integer> pseudonyms) {
        boolean real = guardian.canSeeRealNames(viewer, seminar);
        return (authorId, username) -> {
            Integer number = pseudonyms.get(authorId);
            if (authorId == seminar.tutorId()) {
                return username + " (tutor)";
            }
            if (number == null || !seminar.anonymous()) {
                return username;
            }
            return real ? username + " (Student " + number + ")" : pseudonym(number);
        };
    }

    public static String pseudonym(int number) {
        return "Student " + number;
    }

    /** Whether the seminar's tutor locked its thread for this question. */
    @Transactional
    public boolean locked(long seminarId, long questionId) {
        return !em.createNativeQuery("select 1 from seminar_question where seminar_id = :s and question_id = :q and locked")
                .setParameter("s", seminarId).setParameter("q", questionId).getResultList().isEmpty();
    }
}
