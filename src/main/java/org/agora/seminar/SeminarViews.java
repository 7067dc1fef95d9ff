package org.agora.seminar;

import java.time.Instant;
import java.util.List;
import org.agora.article.Article;
import org.agora.comment.CommentView;
import org.agora.moderation.QueueCounts;
import org.agora.reaction.ReactionSummary;

/** What the seminar pages and the seminar API show, prepared for one viewer by {@link SeminarService}. */
public final class SeminarViews {

    private SeminarViews() {
    }

    /** A seminar in a list: "my seminars". */
    public record Summary(long id, String name, String tutor, boolean tutoring, boolean archived, boolean frozen, boolean revealed,
            Instant deadline, List<ArticleRef> articles) {
    }

    public record ArticleRef(String slug, String title) {
    }

    /**
     * One person in the member list. {@code name} is what the viewer may see ("Student 7" for peers in an anonymous
     * seminar); {@code username}, {@code displayName} and {@code pseudonym} are set for whoever runs the seminar only.
     */
    public record MemberView(long memberId, String name, String username, String displayName, Integer pseudonym,
            Instant joinedAt, boolean removed) {
    }

    /** A tutor's announcement, as the viewer may see its author (sanitised HTML from its Markdown). */
    public record Announcement(long id, String author, String bodyHtml, Instant createdAt) {
    }

    /** The seminar's announcements, newest first, and whether the viewer may post one. */
    public record Announcements(List<Announcement> items, boolean canPost) {
    }

    /** A seminar's home page: settings, articles, members, and for its tutor the join code and the queue counts. */
    public record Overview(long id, String name, String tutor, List<ArticleRef> articles, Instant opensAt, Instant deadline,
            boolean premoderation, boolean anonymous, boolean stances, boolean frozen, boolean revealed, boolean archived,
            boolean pastDeadline, boolean canTutor, boolean member, String joinCode, List<MemberView> members,
            QueueCounts queueCounts, String myName) {

        public boolean canFreeze() {
            return canTutor && !frozen && pastDeadline;
        }

        public boolean canUnfreeze() {
            return canTutor && frozen;
        }

        public boolean canReveal() {
            return canTutor && !revealed;
        }

        public boolean canArchive() {
            return canTutor && !archived;
        }

        public String bulkAction() {
            return "/seminars/" + id + "/moderation/bulk";
        }

        public String joinPath() {
            return joinCode == null ? null : "/seminars/join?code=" + joinCode;
        }
    }

    /** Stance split of a question's published top-level answers in one seminar. */
    public record StanceSplit(int agree, int disagree, int depends) {
        public int total() {
            return agree + disagree + depends;
        }

        public static final StanceSplit NONE = new StanceSplit(0, 0, 0);
    }

    /** One question as a seminar sees it: its own counts, stance split, the tutor's claim and lock. */
    public record QuestionActivity(long id, int position, String label, String text, int answers, int comments,
            StanceSplit stances, String claim, boolean locked, Instant lastActivity) {
    }

    /** The seminar's view of an article: every question with the seminar's activity, and the reactions split by audience. */
    public record ArticleView(long seminarId, String seminarName, Article article, List<QuestionActivity> questions,
            boolean stances, ReactionSummary overallReactions, ReactionSummary seminarReactions, boolean canTutor) {
    }

    /** A seminar's thread of one question. */
    public record ThreadPage(long seminarId, String seminarName, Article article, QuestionActivity question,
            List<CommentView> comments, String sort, List<String> sorts, boolean canComment, boolean stances,
            boolean canTutor, boolean frozen, boolean archived, boolean readOnlyReader, String restriction, String closedReason) {

        public List<Stance> stanceChoices() {
            return List.of(Stance.values());
        }

        public String threadPath() {
            return "/seminars/" + seminarId + "/questions/" + question.id();
        }

        public String commentsAction() {
            return threadPath() + "/comments";
        }

        /** The premise stances are relative to: the tutor's claim, or the question itself. */
        public String premise() {
            return question.claim() == null ? question.text() : question.claim();
        }
    }

    /** The compare page: per question, the visible seminars side by side. */
    public record Compare(Article article, List<CompareQuestion> questions, List<SeminarColumn> seminars) {
    }

    public record SeminarColumn(long id, String name, boolean revealed, boolean mine) {
    }

    public record CompareQuestion(long id, String label, String text, List<CompareCell> cells) {
    }

    public record CompareCell(long seminarId, String seminarName, int answers, int comments, StanceSplit stances, List<TopAnswer> top) {
    }

    /** One of a seminar's best answers on the compare page; {@code author} is named as the viewer may see it. */
    public record TopAnswer(long id, String author, String bodyHtml, int score, String stance) {
    }
}
