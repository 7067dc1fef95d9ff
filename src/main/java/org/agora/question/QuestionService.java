package org.agora.question;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import org.agora.article.Article;
import org.agora.comment.CommentService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.vote.CommentSort;
import org.agora.web.AppException;

/** Reading a question with its thread. */
@ApplicationScoped
public class QuestionService {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    CommentService comments;

    @Inject
    org.agora.notification.FollowService follows;

    @Transactional
    public Question find(long questionId) {
        return Question.<Question>findByIdOptional(questionId).orElseThrow(() -> AppException.notFound("question"));
    }

    /** The thread page; 404 unless the question belongs to the article named in the address. */
    @Transactional
    public QuestionPage page(Viewer viewer, String slug, long questionId, CommentSort sort) {
        return page(viewer, slug, questionId, sort, 1, null);
    }

    /** Page {@code page} of a long thread's answers, or the branch of comment {@code branch} when set. */
    @Transactional
    public QuestionPage page(Viewer viewer, String slug, long questionId, CommentSort sort, int page, Long branch) {
        // the question and its article in one statement: every thread page reads both
        Object[] pair = em.createQuery("select q, a from Question q, Article a where q.id = :id and a.id = q.articleId", Object[].class)
                .setParameter("id", questionId).getResultStream().findFirst()
                .orElseThrow(() -> AppException.notFound("question"));
        Question question = (Question) pair[0];
        Article article = (Article) pair[1];
        if (!article.slug.equals(slug) || !guardian.canSeeQuestion(viewer, question)) {
            throw AppException.notFound("question");
        }
        Mine mine = mine(viewer, questionId);
        return new QuestionPage(article, QuestionSummary.of(question), mine.vote(),
                comments.threadPage(viewer, questionId, sort, page, branch), sort.name().toLowerCase(Locale.ROOT),
                guardian.canCommentOn(viewer, question), guardian.canVoteOnQuestion(viewer),
                question.locked, question.hidden, guardian.canModerate(viewer), viewer.restricted() ? viewer.restriction().message() : null,
                guardian.canFollow(viewer, question), mine.following());
    }

    /** The sort order a reader asked for; blank means best, anything unknown is a 400 naming the choices. */
    public CommentSort sort(String value) {
        try {
            return CommentSort.parse(value);
        } catch (IllegalArgumentException e) {
            throw AppException.invalid("sort", e.getMessage());
        }
    }

    /** The thread's address, checking that the question belongs to the article named in the address. */
    @Transactional
    public String threadPath(String slug, long questionId) {
        Question question = find(questionId);
        Article article = Article.<Article>findByIdOptional(question.articleId)
                .filter(a -> a.slug.equals(slug))
                .orElseThrow(() -> AppException.notFound("question"));
        return path(article, question);
    }

    /**
     * Where a comment is seen in its thread: the thread with the comment's anchor, or, in a thread long enough to
     * be paged, the comment's own branch (it may not be on the first page).
     */
    @Transactional
    public String commentPath(long questionId, long commentId) {
        Question question = find(questionId);
        String thread = path(Article.findById(question.articleId), question);
        return (question.commentCount > CommentService.WHOLE_THREAD_LIMIT ? thread + "?branch=" + commentId : thread) + "#c-" + commentId;
    }

    /** The address of the thread a comment belongs to. */
    @Transactional
    public String threadPathOf(long questionId) {
        Question question = find(questionId);
        return path(Article.findById(question.articleId), question);
    }

    /** The address of the thread a comment belongs to: its seminar's private thread, or the public one. */
    @Transactional
    public String threadPathOf(org.agora.comment.Comment comment) {
        return comment.seminarId == null ? threadPathOf(comment.questionId) : seminarThreadPath(comment.seminarId, comment.questionId);
    }

    /** Where a comment shows: its place in its seminar's thread, or in the public thread (on its page when paged). */
    @Transactional
    public String commentPath(org.agora.comment.Comment comment) {
        return comment.seminarId == null ? commentPath(comment.questionId, comment.id)
                : seminarThreadPath(comment.seminarId, comment.questionId) + "#c-" + comment.id;
    }

    public static String seminarThreadPath(long seminarId, long questionId) {
        return "/seminars/" + seminarId + "/questions/" + questionId;
    }

    private static String path(Article article, Question question) {
        return "/articles/" + article.slug + "/questions/" + question.id;
    }

    /** The viewer's vote on the question and whether they follow it: one statement for both. */
    private record Mine(int vote, boolean following) {
    }

    private Mine mine(Viewer viewer, long questionId) {
        if (!viewer.signedIn()) {
            return new Mine(0, false);
        }
        Object[] r = (Object[]) em.createNativeQuery("""
                        select (select value from question_vote where question_id = :q and member_id = :m),
                               exists (select 1 from question_follow where question_id = :q and member_id = :m)""")
                .setParameter("q", questionId).setParameter("m", viewer.memberId()).getSingleResult();
        return new Mine(r[0] == null ? 0 : ((Number) r[0]).intValue(), Boolean.TRUE.equals(r[1]));
    }
}
