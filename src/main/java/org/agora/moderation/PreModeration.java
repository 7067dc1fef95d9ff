package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.agora.AgoraConfig;
import org.agora.article.Article;
import org.agora.moderation.pipeline.ArticlePremoderationRule;
import org.agora.moderation.pipeline.BannedWordRule;
import org.agora.moderation.pipeline.NewMemberRule;
import org.agora.moderation.pipeline.Pipeline;
import org.agora.moderation.pipeline.Submission;
import org.agora.moderation.pipeline.SuspectWordRule;
import org.agora.moderation.pipeline.Verdict;
import org.agora.question.Question;
import org.agora.security.Viewer;

/** Runs a new comment through the pre-moderation pipeline with today's word lists and settings. */
@ApplicationScoped
public class PreModeration {

    @Inject
    EntityManager em;

    @Inject
    AgoraConfig config;

    @Inject
    WordListService words;

    /** An edit can't bring in a banned word; it is not re-held for suspect words (a moderator can still act). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Verdict screenEdit(String text) {
        return new BannedWordRule(new WordMatcher(words.lists().banned())).evaluate(new Submission(text, false, 0, false));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Verdict evaluate(Viewer author, Question question, String text) {
        return evaluate(author, question, text, false, false);
    }

    /**
     * {@code seminarPremoderated}: a seminar that holds its students' comments for the tutor;
     * {@code trusted}: the author runs that seminar, and like staff is never held.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Verdict evaluate(Viewer author, Question question, String text, boolean seminarPremoderated, boolean trusted) {
        WordLists lists = words.lists();
        Pipeline pipeline = new Pipeline(List.of(
                new BannedWordRule(new WordMatcher(lists.banned())),
                new ArticlePremoderationRule(),
                new NewMemberRule(config.moderation().newMemberComments()),
                new SuspectWordRule(new WordMatcher(lists.suspect()))));
        Article article = Article.findById(question.articleId);
        long published = ((Number) em.createNativeQuery("select count(*) from comment where author_id = :a and status = 'published'")
                .setParameter("a", author.memberId()).getSingleResult()).longValue();
        return pipeline.evaluate(new Submission(text, article.premoderation || seminarPremoderated, published, author.staff() || trusted));
    }
}
