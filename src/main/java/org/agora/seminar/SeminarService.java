package org.agora.seminar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.agora.article.Article;
import org.agora.comment.AuthorNames;
import org.agora.comment.CommentService;
import org.agora.moderation.AuditLog;
import org.agora.moderation.ModActionKind;
import org.agora.moderation.ModerationService;
import org.agora.question.Question;
import org.agora.reaction.ReactionService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.seminar.SeminarViews.ArticleRef;
import org.agora.seminar.SeminarViews.QuestionActivity;
import org.agora.seminar.SeminarViews.StanceSplit;
import org.agora.vote.CommentSort;
import org.agora.vote.Ranked;
import org.agora.web.AppException;

/**
 * Seminars: a tutor's private discussion of one or more articles for a tutorial group. Creating and running them
 * (join codes, members, freeze, reveal, claims, locks; each tutor action audited in its transaction), and reading
 * them for one viewer. Every read goes through {@link SeminarGate}, so outsiders get a 404 on every route.
 */
@ApplicationScoped
public class SeminarService implements CommentService.SeminarScopes {

    private static final int MAX_NAME = 200;
    private static final int MAX_CLAIM = 1000;
    private static final int MAX_ARTICLES = 20;
    /** 20 random bytes = 160 bits: far beyond guessing, as short as a link allows (27 characters, URL-safe). */
    private static final int CODE_BYTES = 20;
    private static final int TOP_ANSWERS = 3;
    public static final String BOTH_SIDES = "both-sides";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What creating a seminar answers: its id and join code. */
    public record Created(long id, String joinCode) {
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    SeminarGate gate;

    @Inject
    CommentService comments;

    @Inject
    AuditLog audit;

    @Inject
    ReactionService reactions;

    @Inject
    ModerationService moderation;

    @Inject
    org.agora.comment.MarkdownRenderer markdown;

    @Inject
    org.agora.notification.ActivityNotifier notifier;

    // --- running a seminar ---

    @Transactional
    public Created create(Viewer viewer, String name, List<String> articleSlugs, String opensAt, String deadline,
            boolean premoderation, boolean anonymous, boolean stances) {
        guardian.ensureCanCreateSeminar(viewer);
        String title = name == null ? "" : name.strip();
        if (title.isEmpty() || title.length() > MAX_NAME) {
            throw AppException.invalid("name", "Give the seminar a name of 1 to " + MAX_NAME + " characters.");
        }
        LinkedHashSet<String> slugs = new LinkedHashSet<>();
        if (articleSlugs != null) {
            articleSlugs.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).forEach(slugs::add);
        }
        if (slugs.isEmpty() || slugs.size() > MAX_ARTICLES) {
            throw AppException.invalid("articles", "Choose 1 to " + MAX_ARTICLES + " articles for the seminar to discuss.");
        }
        List<Article> articles = new ArrayList<>();
        for (String slug : slugs) {
            articles.add(Article.findBySlug(slug).orElseThrow(() -> AppException.invalid("articles", "There is no article '" + slug + "'.")));
        }
        Instant opens = parseTime("opensAt", opensAt);
        Instant due = parseTime("deadline", deadline);
        if (opens != null && due != null && !opens.isBefore(due)) {
            throw AppException.invalid("deadline", "The deadline must come after the opening time.");
        }
        String code = newCode();
        long id = ((Number) em.createNativeQuery("""
                        insert into seminar (name, tutor_id, join_code, opens_at, deadline, premoderation, anonymous, stances)
                        values (:n, :t, :c, :o, :d, :p, :a, :s) returning id""")
                .setParameter("n", title).setParameter("t", viewer.memberId()).setParameter("c", code)
                .setParameter("o", opens).setParameter("d", due)
                .setParameter("p", premoderation).setParameter("a", anonymous).setParameter("s", stances)
                .getSingleResult()).longValue();
        for (Article article : articles) {
            em.createNativeQuery("insert into seminar_article (seminar_id, article_id) values (:s, :a)")
                    .setParameter("s", id).setParameter("a", article.id).executeUpdate();
        }
        audit.record(viewer, ModActionKind.CREATE_SEMINAR, AuditLog.Target.SEMINAR, Long.toString(id), null, null, null,
                AuditLog.json("name", title, "articles", List.copyOf(slugs), "premoderation", premoderation, "anonymous", anonymous,
                        "stances", stances),
                id);
        return new Created(id, code);
    }

    /**
     * Joins the seminar whose code this is. Joining twice is harmless (same seminar, same pseudonym); a member the
     * tutor removed can't rejoin with the code. An unknown code is a 404 that says nothing more.
     */
    @Transactional
    public long join(Viewer viewer, String code) {
        guardian.ensureCanWrite(viewer);
        String clean = code == null ? "" : code.strip();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, archived from seminar where join_code = :c for update")
                .setParameter("c", clean).getResultList();
        if (clean.isEmpty() || rows.isEmpty()) {
            throw new AppException(404, "Not found", "No seminar has this join code. Ask your tutor for the current one.", "code");
        }
        long id = ((Number) rows.get(0)[0]).longValue();
        if ((Boolean) rows.get(0)[1]) {
            throw AppException.conflict("This seminar is archived: it takes no new members.");
        }
        @SuppressWarnings("unchecked")
        List<Object> existing = em.createNativeQuery("select removed_at from seminar_member where seminar_id = :s and member_id = :m")
                .setParameter("s", id).setParameter("m", viewer.memberId()).getResultList();
        if (!existing.isEmpty()) {
            if (existing.get(0) != null) {
                throw AppException.forbidden("The tutor removed you from this seminar.");
            }
            return id;
        }
        // a random free number, so "Student 1" doesn't tell peers who joined first; the seminar row lock above
        // serialises joins, and the unique key (seminar, pseudonym) is the last line of defence
        @SuppressWarnings("unchecked")
        List<Number> taken = em.createNativeQuery("select pseudonym from seminar_member where seminar_id = :s")
                .setParameter("s", id).getResultList();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        taken.forEach(n -> used.add(n.intValue()));
        int range = Math.max(30, used.size() * 3);
        int number;
        do {
            number = 1 + RANDOM.nextInt(range);
        } while (used.contains(number));
        em.createNativeQuery("insert into seminar_member (seminar_id, member_id, pseudonym) values (:s, :m, :p)")
                .setParameter("s", id).setParameter("m", viewer.memberId()).setParameter("p", number).executeUpdate();
        return id;
    }

    /** A new join code; the old one stops working at once. Members already in stay. */
    @Transactional
    public String rotateCode(Viewer viewer, long seminarId) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        String code = newCode();
        em.createNativeQuery("update seminar set join_code = :c where id = :s").setParameter("c", code).setParameter("s", seminar.id())
                .executeUpdate();
        audit.record(viewer, ModActionKind.ROTATE_CODE, AuditLog.Target.SEMINAR, Long.toString(seminar.id()), null, null, null, null,
                seminar.id());
        return code;
    }

    /** Removes a member: they lose access at once; their comments stay, under the same pseudonym. */
    @Transactional
    public void removeMember(Viewer viewer, long seminarId, long memberId) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        int updated = em.createNativeQuery("""
                        update seminar_member set removed_at = now()
                        where seminar_id = :s and member_id = :m and removed_at is null""")
                .setParameter("s", seminar.id()).setParameter("m", memberId).executeUpdate();
        if (updated == 0) {
            throw AppException.notFound("member of this seminar");
        }
        audit.record(viewer, ModActionKind.REMOVE_MEMBER, AuditLog.Target.SEMINAR, Long.toString(seminar.id()), memberId, null,
                AuditLog.json("member", true), AuditLog.json("member", false), seminar.id());
    }

    /** Removes a member named by username (the API's form). */
    @Transactional
    public void removeMember(Viewer viewer, long seminarId, String username) {
        gate.tutored(viewer, seminarId);
        long memberId = org.agora.member.Member.findByUsername(username == null ? "" : username.strip())
                .map(m -> m.id).orElseThrow(() -> AppException.notFound("member of this seminar"));
        removeMember(viewer, seminarId, memberId);
    }

    /** Archives the seminar: read-only for good, and off the members' lists. */
    @Transactional
    public void archive(Viewer viewer, long seminarId) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        if (seminar.archived()) {
            throw AppException.conflict("The seminar is already archived.");
        }
        em.createNativeQuery("update seminar set archived = true where id = :s").setParameter("s", seminar.id()).executeUpdate();
        audit.record(viewer, ModActionKind.ARCHIVE, AuditLog.Target.SEMINAR, Long.toString(seminar.id()), null, null,
                AuditLog.json("archived", false), AuditLog.json("archived", true), seminar.id());
    }

    /** Freezes the threads (read-only) once the deadline has passed, or thaws them. */
    @Transactional
    public void freeze(Viewer viewer, long seminarId, boolean frozen) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        if (seminar.frozen() == frozen) {
            throw AppException.conflict(frozen ? "The seminar is already frozen." : "The seminar is not frozen.");
        }
        if (frozen && !seminar.pastDeadline(Instant.now())) {
            throw AppException.conflict(seminar.deadline() == null
                    ? "The seminar has no deadline: threads can be frozen only after one."
                    : "The deadline (" + seminar.deadline() + ") has not passed yet.");
        }
        em.createNativeQuery("update seminar set frozen = :f where id = :s").setParameter("f", frozen).setParameter("s", seminar.id())
                .executeUpdate();
        audit.record(viewer, frozen ? ModActionKind.FREEZE : ModActionKind.UNFREEZE, AuditLog.Target.SEMINAR,
                Long.toString(seminar.id()), null, null, AuditLog.json("frozen", !frozen), AuditLog.json("frozen", frozen), seminar.id());
    }

    /** Reveals the seminar's threads (read-only) to the members and tutors of the other seminars on the same articles. */
    @Transactional
    public void reveal(Viewer viewer, long seminarId) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        if (seminar.revealed()) {
            throw AppException.conflict("The seminar is already revealed.");
        }
        em.createNativeQuery("update seminar set revealed = true where id = :s").setParameter("s", seminar.id()).executeUpdate();
        audit.record(viewer, ModActionKind.REVEAL, AuditLog.Target.SEMINAR, Long.toString(seminar.id()), null, null,
                AuditLog.json("revealed", false), AuditLog.json("revealed", true), seminar.id());
    }

    /** Sets (or, when blank, clears) the claim the seminar's stances on this question refer to. */
    @Transactional
    public void setClaim(Viewer viewer, long seminarId, long questionId, String claim) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        Question question = question(viewer, seminar, questionId);
        String text = claim == null || claim.isBlank() ? null : claim.strip();
        if (text != null && text.length() > MAX_CLAIM) {
            throw AppException.invalid("claim", "The claim is limited to " + MAX_CLAIM + " characters.");
        }
        String before = claimOf(seminar.id(), question.id);
        em.createNativeQuery("""
                        insert into seminar_question (seminar_id, question_id, claim) values (:s, :q, :c)
                        on conflict (seminar_id, question_id) do update set claim = excluded.claim""")
                .setParameter("s", seminar.id()).setParameter("q", question.id).setParameter("c", text).executeUpdate();
        audit.record(viewer, ModActionKind.SET_CLAIM, AuditLog.Target.QUESTION, Long.toString(question.id), null, null,
                AuditLog.json("claim", before), AuditLog.json("claim", text), seminar.id());
    }

    /** Locks or unlocks this seminar's thread of a question (the public thread is untouched). */
    @Transactional
    public void lock(Viewer viewer, long seminarId, long questionId, boolean locked) {
        SeminarAccess seminar = gate.tutored(viewer, seminarId);
        Question question = question(viewer, seminar, questionId);
        if (gate.locked(seminar.id(), question.id) == locked) {
            throw AppException.conflict("The thread is already " + (locked ? "locked." : "unlocked."));
        }
        em.createNativeQuery("""
                        insert into seminar_question (seminar_id, question_id, locked) values (:s, :q, :l)
                        on conflict (seminar_id, question_id) do update set locked = excluded.locked""")
                .setParameter("s", seminar.id()).setParameter("q", question.id).setParameter("l", locked).executeUpdate();
        audit.record(viewer, locked ? ModActionKind.LOCK : ModActionKind.UNLOCK, AuditLog.Target.QUESTION, Long.toString(question.id),
                null, null, AuditLog.json("locked", !locked), AuditLog.json("locked", locked), seminar.id());
    }

    /**
     * Posts an announcement to the seminar: Markdown with the comments' limits and sanitiser; every current member is
     * notified and the action audited, all in this transaction. Answers the announcement's id.
     */
    @Transactional
    public long announce(Viewer viewer, long seminarId, String body) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        guardian.ensureCanAnnounce(viewer, seminar);
        String text = org.agora.comment.CommentText.validate(body);
        long id = ((Number) em.createNativeQuery("""
                        insert into seminar_announcement (seminar_id, author_id, body, body_html) values (:s, :a, :b, :h)
                        returning id""")
                .setParameter("s", seminar.id()).setParameter("a", viewer.memberId()).setParameter("b", text)
                .setParameter("h", markdown.toSafeHtml(text)).getSingleResult()).longValue();
        int notified = notifier.announcementPosted(id);
        audit.record(viewer, ModActionKind.ANNOUNCE, AuditLog.Target.SEMINAR, Long.toString(seminar.id()), null, null, null,
                AuditLog.json("announcement", id, "notified", notified), seminar.id());
        return id;
    }

    /** The seminar's announcements, newest first (the latest 50), for anyone who may see the seminar. */
    @Transactional
    public SeminarViews.Announcements announcements(Viewer viewer, long seminarId) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        AuthorNames names = gate.names(viewer, seminar, gate.pseudonyms(seminar.id()));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select sa.id, sa.author_id, m.username, sa.body_html, sa.created_at
                        from seminar_announcement sa join member m on m.id = sa.author_id
                        where sa.seminar_id = :s order by sa.id desc limit 50""")
                .setParameter("s", seminar.id()).getResultList();
        return new SeminarViews.Announcements(rows.stream().map(r -> new SeminarViews.Announcement(((Number) r[0]).longValue(),
                names.of(((Number) r[1]).longValue(), (String) r[2]), (String) r[3], CommentService.toInstant(r[4]))).toList(),
                guardian.canAnnounce(viewer, seminar));
    }

    // --- taking part ---

    /** Posts an answer (with an optional stance, when the seminar uses them) or a reply in the seminar's thread. */
    @Transactional
    public long post(Viewer viewer, long seminarId, long questionId, Long parentId, String body, UUID submissionKey, String stanceText) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        Question question = question(viewer, seminar, questionId);
        guardian.ensureCanCommentInSeminar(viewer, seminar, gate.locked(seminar.id(), question.id), Instant.now());
        Stance stance = Stance.parse(stanceText);
        if (stance != null && !seminar.stances()) {
            throw AppException.invalid("stance", "This seminar doesn't use stances.");
        }
        return comments.postInSeminar(viewer, question, seminar.id(), seminar.premoderation(), guardian.canTutor(viewer, seminar),
                parentId, body, submissionKey, stance == null ? null : stance.db());
    }

    // --- reading ---

    @Override
    @Transactional
    public CommentService.Scope scope(Viewer viewer, long seminarId, Question question) {
        return scope(viewer, gate.visible(viewer, seminarId), question);
    }

    private CommentService.Scope scope(Viewer viewer, SeminarAccess seminar, Question question) {
        Instant now = Instant.now();
        boolean locked = gate.locked(seminar.id(), question.id);
        return new CommentService.Scope(seminar.id(), guardian.canCommentInSeminar(viewer, seminar, locked, now),
                guardian.canTakePartIn(viewer, seminar, now), guardian.canTutor(viewer, seminar),
                gate.names(viewer, seminar, gate.pseudonyms(seminar.id())));
    }

    /** The seminars the viewer belongs to or tutors (moderators and admins: every seminar), newest first. */
    @Transactional
    public List<SeminarViews.Summary> mine(Viewer viewer) {
        guardian.ensureSignedIn(viewer);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.id, s.name, t.username, s.tutor_id = :m, s.archived, s.frozen, s.revealed, s.deadline
                        from seminar s join member t on t.id = s.tutor_id
                        where s.tutor_id = :m or :staff
                           or (not s.archived and exists (select 1 from seminar_member sm
                               where sm.seminar_id = s.id and sm.member_id = :m and sm.removed_at is null))
                        order by s.archived, s.id desc""")
                .setParameter("m", viewer.memberId()).setParameter("staff", viewer.staff()).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ArticleRef>> articles = articlesOf(rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        return rows.stream().map(r -> {
            long id = ((Number) r[0]).longValue();
            return new SeminarViews.Summary(id, (String) r[1], (String) r[2], (Boolean) r[3] || viewer.staff(), (Boolean) r[4],
                    (Boolean) r[5], (Boolean) r[6], CommentService.toInstant(r[7]), articles.getOrDefault(id, List.of()));
        }).toList();
    }

    @Transactional
    public SeminarViews.Overview overview(Viewer viewer, long seminarId) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        boolean tutor = guardian.canTutor(viewer, seminar);
        Map<Long, Integer> pseudonyms = gate.pseudonyms(seminar.id());
        AuthorNames names = gate.names(viewer, seminar, pseudonyms);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.id, m.username, m.display_name, sm.pseudonym, sm.joined_at, sm.removed_at
                        from seminar_member sm join member m on m.id = sm.member_id
                        where sm.seminar_id = :s order by sm.removed_at nulls first, sm.pseudonym""")
                .setParameter("s", seminar.id()).getResultList();
        List<SeminarViews.MemberView> members = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            boolean removed = r[5] != null;
            if (!tutor && removed) {
                continue;
            }
            members.add(tutor
                    ? new SeminarViews.MemberView(id, names.of(id, (String) r[1]), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                            CommentService.toInstant(r[4]), removed)
                    : new SeminarViews.MemberView(id, names.of(id, (String) r[1]), null, null, null, null, false));
        }
        if (!tutor && !seminar.anonymous()) {
            members.sort(java.util.Comparator.comparing(SeminarViews.MemberView::name));
        }
        String tutorName = ((String) em.createNativeQuery("select username from member where id = :t")
                .setParameter("t", seminar.tutorId()).getSingleResult());
        String code = tutor ? (String) em.createNativeQuery("select join_code from seminar where id = :s")
                .setParameter("s", seminar.id()).getSingleResult() : null;
        Integer mine = viewer.signedIn() && seminar.member() ? pseudonyms.get(viewer.memberId()) : null;
        return new SeminarViews.Overview(seminar.id(), seminar.name(), tutorName, articlesOf(List.of(seminar.id())).getOrDefault(seminar.id(), List.of()),
                seminar.opensAt(), seminar.deadline(), seminar.premoderation(), seminar.anonymous(), seminar.stances(),
                seminar.frozen(), seminar.revealed(), seminar.archived(), seminar.pastDeadline(Instant.now()), tutor, seminar.member(),
                code, members, tutor ? moderation.seminarCounts(seminar.id()) : null,
                mine != null && seminar.anonymous() ? SeminarGate.pseudonym(mine) : null);
    }

    /** The seminar's view of one of its articles: each question with this seminar's counts, stances, claim and lock. */
    @Transactional
    public SeminarViews.ArticleView article(Viewer viewer, long seminarId, String slug) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        Article article = articleOf(seminar, slug);
        List<Question> questions = Question.listedOfArticle(article.id);
        Map<Long, QuestionActivity> activity = activity(seminar.id(), article.id, questions);
        return new SeminarViews.ArticleView(seminar.id(), seminar.name(), article,
                questions.stream().map(q -> activity.get(q.id)).toList(), seminar.stances(),
                reactions.summary(article.id, viewer), reactions.seminarSummary(article.id, seminar.id(), viewer),
                guardian.canTutor(viewer, seminar));
    }

    /** A seminar thread for the page; {@code sort} is a comment sort or "both-sides". */
    @Transactional
    public SeminarViews.ThreadPage thread(Viewer viewer, long seminarId, long questionId, String sort) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        Question question = question(viewer, seminar, questionId);
        boolean bothSides = BOTH_SIDES.equalsIgnoreCase(sort == null ? "" : sort.strip());
        CommentSort order = bothSides ? CommentSort.BEST : parseSort(sort);
        CommentService.Scope scope = scope(viewer, seminar, question);
        QuestionActivity activity = activity(seminar.id(), question.articleId, List.of(question)).get(question.id);
        List<String> sorts = new ArrayList<>();
        for (CommentSort s : CommentSort.values()) {
            sorts.add(s.name().toLowerCase(Locale.ROOT));
        }
        if (seminar.stances()) {
            sorts.add(BOTH_SIDES);
        }
        Instant now = Instant.now();
        boolean tutor = guardian.canTutor(viewer, seminar);
        boolean reader = !tutor && !seminar.member();
        String closed = seminar.archived() ? "This seminar is archived: it is read-only."
                : seminar.frozen() ? "The deadline has passed and the tutor froze this seminar: it is read-only."
                : reader ? "This seminar's threads are revealed to you to read; you can't post here."
                : activity.locked() && !tutor ? "The tutor locked this thread: it takes no new answers."
                : seminar.notYetOpen(now) && !tutor ? "This seminar opens for posting at " + seminar.opensAt() + "."
                : null;
        return new SeminarViews.ThreadPage(seminar.id(), seminar.name(), Article.findById(question.articleId), activity,
                comments.thread(viewer, question, scope, order, bothSides),
                bothSides ? BOTH_SIDES : order.name().toLowerCase(Locale.ROOT), sorts, scope.open(), seminar.stances(), tutor,
                seminar.frozen(), seminar.archived(), reader, viewer.restricted() ? viewer.restriction().message() : null, closed);
    }

    /** The participation report, for whoever runs the seminar; 403 to its members, 404 to everyone else. */
    @Transactional
    public ParticipationReport participation(Viewer viewer, long seminarId) {
        SeminarAccess seminar = gate.visible(viewer, seminarId);
        guardian.ensureCanSeeParticipation(viewer, seminar);
        @SuppressWarnings("unchecked")
        List<Object[]> studentRows = em.createNativeQuery("""
                        select m.id, m.username, m.display_name, sm.pseudonym, sm.removed_at is not null
                        from seminar_member sm join member m on m.id = sm.member_id
                        where sm.seminar_id = :s and sm.member_id <> :t""")
                .setParameter("s", seminar.id()).setParameter("t", seminar.tutorId()).getResultList();
        List<ParticipationReport.Student> students = studentRows.stream().map(r -> new ParticipationReport.Student(
                ((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (Boolean) r[4])).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> postRows = em.createNativeQuery("""
                        select c.author_id, c.question_id, p.author_id, c.body, c.created_at, c.stance, c.ups, c.downs
                        from comment c left join comment p on p.id = c.parent_id
                        where c.seminar_id = :s and c.status = 'published'""")
                .setParameter("s", seminar.id()).getResultList();
        List<ParticipationReport.Post> posts = postRows.stream().map(r -> new ParticipationReport.Post(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3],
                CommentService.toInstant(r[4]), (String) r[5], ((Number) r[6]).intValue(), ((Number) r[7]).intValue())).toList();
        return ParticipationReport.compute(seminar.id(), seminar.name(), seminar.anonymous(), seminar.deadline(), students, posts);
    }

    /** The API's thread: the same comment shapes as the public thread, for this seminar. */
    @Transactional
    public List<org.agora.comment.CommentView> threadComments(Viewer viewer, long seminarId, long questionId, String sort) {
        return thread(viewer, seminarId, questionId, sort).comments();
    }

    /**
     * The compare page of an article: per question, the seminars the viewer may compare side by side. Those are the
     * revealed seminars the viewer can see (members and tutors of seminars on the article; moderators and admins),
     * plus the viewer's own seminars on the article. Anyone else gets the article's questions with no seminars.
     */
    @Transactional
    public SeminarViews.Compare compare(Viewer viewer, String slug) {
        Article article = Article.findBySlug(slug).orElseThrow(() -> AppException.notFound("article"));
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select seminar_id from seminar_article where article_id = :a order by seminar_id")
                .setParameter("a", article.id).getResultList();
        List<SeminarAccess> shown = new ArrayList<>();
        for (Number id : ids) {
            gate.find(viewer, id.longValue())
                    .filter(s -> guardian.canSeeSeminar(viewer, s))
                    .filter(s -> s.revealed() || s.member() || viewer.is(s.tutorId()))
                    .ifPresent(shown::add);
        }
        List<Question> questions = Question.listedOfArticle(article.id);
        Map<Long, AuthorNames> names = new HashMap<>();
        shown.forEach(s -> names.put(s.id(), gate.names(viewer, s, gate.pseudonyms(s.id()))));
        Map<String, List<Answer>> answers = new HashMap<>();
        Map<String, Integer> totals = new HashMap<>();
        if (!shown.isEmpty()) {
            List<Long> seminarIds = shown.stream().map(SeminarAccess::id).toList();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select c.id, c.seminar_id, c.question_id, c.author_id, m.username, c.body_html, c.ups, c.downs, c.stance,
                                   c.created_at, c.parent_id is null
                            from comment c join member m on m.id = c.author_id join question q on q.id = c.question_id
                            where c.seminar_id in (:ids) and q.article_id = :a and c.status = 'published'""")
                    .setParameter("ids", seminarIds).setParameter("a", article.id).getResultList();
            for (Object[] r : rows) {
                String key = r[1] + ":" + r[2];
                totals.merge(key, 1, Integer::sum);
                if ((Boolean) r[10]) {
                    long seminar = ((Number) r[1]).longValue();
                    answers.computeIfAbsent(key, k -> new ArrayList<>()).add(new Answer(((Number) r[0]).longValue(),
                            names.get(seminar).of(((Number) r[3]).longValue(), (String) r[4]), (String) r[5],
                            ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), (String) r[8], CommentService.toInstant(r[9])));
                }
            }
        }
        List<SeminarViews.CompareQuestion> result = new ArrayList<>();
        for (Question q : questions) {
            List<SeminarViews.CompareCell> cells = new ArrayList<>();
            for (SeminarAccess s : shown) {
                List<Answer> list = new ArrayList<>(answers.getOrDefault(s.id() + ":" + q.id, List.of()));
                list.sort(CommentSort.BEST.comparator());
                int agree = 0, disagree = 0, depends = 0;
                for (Answer a : list) {
                    if ("agree".equals(a.stance)) {
                        agree++;
                    } else if ("disagree".equals(a.stance)) {
                        disagree++;
                    } else if ("depends".equals(a.stance)) {
                        depends++;
                    }
                }
                cells.add(new SeminarViews.CompareCell(s.id(), s.name(), list.size(), totals.getOrDefault(s.id() + ":" + q.id, 0),
                        new StanceSplit(agree, disagree, depends),
                        list.stream().limit(TOP_ANSWERS).map(a -> new SeminarViews.TopAnswer(a.id, a.author, a.bodyHtml,
                                a.ups - a.downs, a.stance)).toList()));
            }
            result.add(new SeminarViews.CompareQuestion(q.id, q.label, q.text, cells));
        }
        return new SeminarViews.Compare(article, result, shown.stream()
                .map(s -> new SeminarViews.SeminarColumn(s.id(), s.name(), s.revealed(), s.member() || viewer.is(s.tutorId()))).toList());
    }

    /** A published top-level answer, ranked for the compare page. */
    private record Answer(long id, String author, String bodyHtml, int ups, int downs, String stance, Instant createdAt) implements Ranked {
    }

    // --- helpers ---

    /** The question, when it belongs to one of the seminar's articles and the viewer may see it; 404 otherwise. */
    Question question(Viewer viewer, SeminarAccess seminar, long questionId) {
        Question question = Question.<Question>findByIdOptional(questionId)
                .filter(q -> guardian.canSeeQuestion(viewer, q))
                .orElseThrow(() -> AppException.notFound("question"));
        boolean inSeminar = !em.createNativeQuery("select 1 from seminar_article where seminar_id = :s and article_id = :a")
                .setParameter("s", seminar.id()).setParameter("a", question.articleId).getResultList().isEmpty();
        if (!inSeminar) {
            throw AppException.notFound("question");
        }
        return question;
    }

    Article articleOf(SeminarAccess seminar, String slug) {
        Article article = Article.findBySlug(slug == null ? "" : slug).orElseThrow(() -> AppException.notFound("article"));
        boolean inSeminar = !em.createNativeQuery("select 1 from seminar_article where seminar_id = :s and article_id = :a")
                .setParameter("s", seminar.id()).setParameter("a", article.id).getResultList().isEmpty();
        if (!inSeminar) {
            throw AppException.notFound("article");
        }
        return article;
    }

    private Map<Long, QuestionActivity> activity(long seminarId, long articleId, List<Question> questions) {
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery("""
                        select c.question_id,
                               count(*) filter (where c.parent_id is null),
                               count(*),
                               count(*) filter (where c.parent_id is null and c.stance = 'agree'),
                               count(*) filter (where c.parent_id is null and c.stance = 'disagree'),
                               count(*) filter (where c.parent_id is null and c.stance = 'depends'),
                               max(c.created_at)
                        from comment c join question q on q.id = c.question_id
                        where c.seminar_id = :s and q.article_id = :a and c.status = 'published'
                        group by c.question_id""")
                .setParameter("s", seminarId).setParameter("a", articleId).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> settings = em.createNativeQuery("""
                        select sq.question_id, sq.claim, sq.locked from seminar_question sq join question q on q.id = sq.question_id
                        where sq.seminar_id = :s and q.article_id = :a""")
                .setParameter("s", seminarId).setParameter("a", articleId).getResultList();
        Map<Long, Object[]> countBy = new HashMap<>();
        counts.forEach(r -> countBy.put(((Number) r[0]).longValue(), r));
        Map<Long, Object[]> settingBy = new HashMap<>();
        settings.forEach(r -> settingBy.put(((Number) r[0]).longValue(), r));
        Map<Long, QuestionActivity> result = new LinkedHashMap<>();
        for (Question q : questions) {
            Object[] c = countBy.get(q.id);
            Object[] s = settingBy.get(q.id);
            result.put(q.id, new QuestionActivity(q.id, q.position, q.label, q.text,
                    c == null ? 0 : ((Number) c[1]).intValue(), c == null ? 0 : ((Number) c[2]).intValue(),
                    c == null ? StanceSplit.NONE : new StanceSplit(((Number) c[3]).intValue(), ((Number) c[4]).intValue(), ((Number) c[5]).intValue()),
                    s == null ? null : (String) s[1], s != null && (Boolean) s[2], c == null ? null : CommentService.toInstant(c[6])));
        }
        return result;
    }

    private String claimOf(long seminarId, long questionId) {
        List<?> rows = em.createNativeQuery("select claim from seminar_question where seminar_id = :s and question_id = :q")
                .setParameter("s", seminarId).setParameter("q", questionId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    private Map<Long, List<ArticleRef>> articlesOf(List<Long> seminarIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select sa.seminar_id, a.slug, a.title from seminar_article sa join article a on a.id = sa.article_id
                        where sa.seminar_id in (:ids) order by a.title""")
                .setParameter("ids", seminarIds).getResultList();
        Map<Long, List<ArticleRef>> result = new HashMap<>();
        rows.forEach(r -> result.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                .add(new ArticleRef((String) r[1], (String) r[2])));
        return result;
    }

    private CommentSort parseSort(String sort) {
        try {
            return CommentSort.parse(sort);
        } catch (IllegalArgumentException e) {
            throw AppException.invalid("sort", e.getMessage() + ", or both-sides");
        }
    }

    static String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An ISO instant (2026-12-01T18:00:00Z) or a form's local date-time (2026-12-01T18:00, read as UTC); null when blank. */
    static Instant parseTime(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                throw AppException.invalid(field, "Give a date and time such as 2026-12-01T18:00 (UTC) or 2026-12-01T18:00:00Z.");
            }
        }
    }
}
