package org.agora.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agora.comment.MarkdownRenderer;
import org.agora.comment.PublicComments;
import org.agora.moderation.Notifications;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.seminar.SeminarAccess;
import org.agora.seminar.SeminarGate;

/**
 * Tells people about a comment once it is public: the author of the comment it replies to, the members it
 * @mentions, and the followers of the question it answers. Each person gets one notification per comment, the most
 * personal one (a reply beats a mention beats a new answer), never about their own comment. In a seminar only its
 * members and tutor hear of a comment, under the names they see there (pseudonyms for students).
 */
@ApplicationScoped
public class ActivityNotifier {

    static final String REPLY = "reply";
    static final String MENTION = "mention";
    static final String ANSWER = "answer";
    static final String ANNOUNCEMENT = "seminar_announcement";

    private static final int EXCERPT = 140;

    @Inject
    EntityManager em;

    @Inject
    Notifications notifications;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    SeminarGate gate;

    @Inject
    Guardian guardian;

    /** Called in the transaction that makes the comment public (posting it, or a moderator approving it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commentPublished(long commentId) {
        List<?> seminar = em.createNativeQuery("select seminar_id from comment where id = :c and seminar_id is not null and status = 'published'")
                .setParameter("c", commentId).getResultList();
        if (!seminar.isEmpty()) {
            seminarCommentPublished(commentId, ((Number) seminar.get(0)).longValue());
            return;
        }
        List<?> rows = em.createNativeQuery("""
                        select c.author_id, m.username, p.author_id, c.depth, c.body, q.id, q.label, a.slug
                        from comment c join member m on m.id = c.author_id
                        join question q on q.id = c.question_id join article a on a.id = q.article_id
                        left join comment p on p.id = c.parent_id
                        where c.id = :c and\s""" + PublicComments.COMMENT)
                .setParameter("c", commentId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] r = (Object[]) rows.get(0);
        long author = ((Number) r[0]).longValue();
        String who = (String) r[1];
        Long parentAuthor = r[2] == null ? null : ((Number) r[2]).longValue();
        boolean answer = ((Number) r[3]).intValue() == 0;
        String body = (String) r[4];
        long questionId = ((Number) r[5]).longValue();
        String label = (String) r[6];
        String link = "/articles/" + r[7] + "/questions/" + questionId + "#c-" + commentId;

        Map<Long, String> recipients = new LinkedHashMap<>();
        if (parentAuthor != null && isActive(parentAuthor)) {
            recipients.put(parentAuthor, REPLY);
        }
        Set<String> mentioned = Mentions.in(body);
        if (!mentioned.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery(
                            "select id from member where lower(username) in (:names) and deleted_at is null")
                    .setParameter("names", mentioned).getResultList();
            ids.forEach(id -> recipients.putIfAbsent(id.longValue(), MENTION));
        }
        if (answer) {
            @SuppressWarnings("unchecked")
            List<Number> followers = em.createNativeQuery("select member_id from question_follow where question_id = :q")
                    .setParameter("q", questionId).getResultList();
            followers.forEach(id -> recipients.putIfAbsent(id.longValue(), ANSWER));
        }
        recipients.remove(author);
        if (recipients.isEmpty()) {
            return;
        }
        String excerpt = excerpt(body);
        recipients.forEach((member, kind) -> notifications.notifyAbout(member, kind, commentId, switch (kind) {
            case REPLY -> who + " replied to you on “" + label + "”: " + excerpt;
            case MENTION -> who + " mentioned you on “" + label + "”: " + excerpt;
            default -> who + " answered “" + label + "”, which you follow: " + excerpt;
        }, link));
    }

    /**
     * A comment published in a seminar thread tells the author of the comment it replies to and the members it
     * mentions, never anyone outside the seminar (current members and its tutor only; followers of the public question
     * are not told). In an anonymous seminar a student mentions peers by pseudonym ({@code @Student-12}) and the tutor
     * by username; the tutor may use either. Each recipient reads the author's name as they see it in the seminar, so a
     * student reads "Student 7", and @usernames of students in the excerpt are rewritten as pseudonyms for them.
     */
    private void seminarCommentPublished(long commentId, long seminarId) {
        Object[] r = (Object[]) em.createNativeQuery("""
                        select c.author_id, m.username, p.author_id, c.body, q.id, q.label
                        from comment c join member m on m.id = c.author_id join question q on q.id = c.question_id
                        left join comment p on p.id = c.parent_id where c.id = :c""")
                .setParameter("c", commentId).getSingleResult();
        long author = ((Number) r[0]).longValue();
        String authorName = (String) r[1];
        Long parentAuthor = r[2] == null ? null : ((Number) r[2]).longValue();
        String body = (String) r[3];
        long questionId = ((Number) r[4]).longValue();
        String label = (String) r[5];
        SeminarAccess seminar = gate.find(Viewer.ANONYMOUS, seminarId).orElseThrow();
        Map<Long, Integer> pseudonyms = gate.pseudonyms(seminarId);
        SeminarPeople people = seminarPeople(seminar);

        Map<Long, String> recipients = new LinkedHashMap<>();
        if (parentAuthor != null && people.current().contains(parentAuthor)) {
            recipients.put(parentAuthor, REPLY);
        }
        Viewer authorViewer = new Viewer(author, authorName, Set.of());
        boolean byName = guardian.canSeeRealNames(authorViewer, seminar);
        for (String name : Mentions.in(body)) {
            Integer number = Mentions.pseudonymNumber(name);
            Long mentioned = null;
            if (number != null && seminar.anonymous()) {
                mentioned = pseudonyms.entrySet().stream().filter(e -> e.getValue().equals(number)).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
            } else {
                Long byUsername = people.ids().get(name);
                if (byUsername != null && (byName || byUsername == seminar.tutorId())) {
                    mentioned = byUsername;
                }
            }
            if (mentioned != null && people.current().contains(mentioned)) {
                recipients.putIfAbsent(mentioned, MENTION);
            }
        }
        recipients.remove(author);
        String link = "/seminars/" + seminarId + "/questions/" + questionId + "#c-" + commentId;
        recipients.forEach((member, kind) -> {
            Viewer reader = new Viewer(member, null, Set.of());
            boolean real = guardian.canSeeRealNames(reader, seminar);
            String who = gate.names(reader, seminar, pseudonyms).of(author, authorName);
            String excerpt = excerpt(real ? body : Mentions.rewrite(body, name -> {
                Long id = people.ids().get(name);
                Integer number = id == null ? null : pseudonyms.get(id);
                return number == null || id == seminar.tutorId() ? null : Mentions.pseudonymMention(number);
            }));
            String where = "“" + label + "” in “" + seminar.name() + "”";
            notifications.notifyAbout(member, kind, commentId, REPLY.equals(kind)
                    ? who + " replied to you on " + where + ": " + excerpt
                    : who + " mentioned you on " + where + ": " + excerpt, link);
        });
    }

    /** Everyone who ever joined the seminar, and its tutor (lower-cased username → id), and who of them may be told now. */
    private record SeminarPeople(Map<String, Long> ids, Set<Long> current) {
    }

    private SeminarPeople seminarPeople(SeminarAccess seminar) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.id, lower(m.username), m.deleted_at is null
                               and (m.id = :t or exists (select 1 from seminar_member sm
                                    where sm.seminar_id = :s and sm.member_id = m.id and sm.removed_at is null))
                        from member m
                        where m.id = :t or m.id in (select member_id from seminar_member where seminar_id = :s)""")
                .setParameter("s", seminar.id()).setParameter("t", seminar.tutorId()).getResultList();
        Map<String, Long> ids = new java.util.HashMap<>();
        Set<Long> current = new java.util.HashSet<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            ids.put((String) row[1], id);
            if ((Boolean) row[2]) {
                current.add(id);
            }
        }
        return new SeminarPeople(ids, current);
    }

    /**
     * Called in the transaction that posts a seminar announcement: every current member of the seminar (and its tutor,
     * when someone else posted it) hears of it, in one statement; removed and deleted members don't, nor the author.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int announcementPosted(long announcementId) {
        Object[] r = (Object[]) em.createNativeQuery("""
                        select sa.seminar_id, s.name, m.username, sa.body from seminar_announcement sa
                        join seminar s on s.id = sa.seminar_id join member m on m.id = sa.author_id where sa.id = :a""")
                .setParameter("a", announcementId).getSingleResult();
        long seminarId = ((Number) r[0]).longValue();
        String text = Notifications.clip(r[2] + " posted an announcement in “" + r[1] + "”: " + excerpt((String) r[3]));
        return em.createNativeQuery("""
                        insert into notification (member_id, kind, text, link)
                        select m.id, :kind, :text, :link from member m
                        where m.deleted_at is null and m.id <> (select author_id from seminar_announcement where id = :a)
                          and (exists (select 1 from seminar_member sm
                                       where sm.seminar_id = :s and sm.member_id = m.id and sm.removed_at is null)
                               or m.id = (select tutor_id from seminar where id = :s))""")
                .setParameter("kind", ANNOUNCEMENT).setParameter("text", text)
                .setParameter("link", "/seminars/" + seminarId + "#announcement-" + announcementId)
                .setParameter("a", announcementId).setParameter("s", seminarId).executeUpdate();
    }

    private boolean isActive(long memberId) {
        return !em.createNativeQuery("select 1 from member where id = :m and deleted_at is null")
                .setParameter("m", memberId).getResultList().isEmpty();
    }

    private String excerpt(String body) {
        String text = markdown.toPlainText(body);
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1).strip() + "…";
    }
}
