package org.agora.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agora.question.Question;
import org.agora.question.QuestionSummary;
import org.agora.reaction.ReactionService;
import org.agora.reaction.ReactionSummary;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/** Posting articles from text, and reading them with their questions and reaction tally. */
@ApplicationScoped
public class ArticleService {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    ReactionService reactions;

    private final ArticleImporter importer = new ArticleImporter();

    /**
     * Posts an article unless one with the same slug exists, and returns its id. The insert is
     * {@code on conflict do nothing}, so replicas starting together seed the article exactly once.
     */
    @Transactional
    public long post(String text) {
        return post(text, Article.PUBLISHED);
    }

    /** Posts an article with the given status (tutors import drafts); see {@link #post(String)}. */
    @Transactional
    public long post(String text, String status) {
        ImportedArticle imported = importer.parse(text);
        Optional<Long> existing = idOfSlug(imported.slug());
        if (existing.isPresent()) {
            return existing.get();
        }
        List<?> inserted = em.createNativeQuery("""
                        insert into article (slug, title, standfirst, image_caption, author, affiliation, reading_minutes,
                                             author_bio, attribution, source_text, status)
                        values (:slug, :title, :standfirst, :caption, :author, :affiliation, :minutes, :bio, :attribution, :source, :status)
                        on conflict (slug) do nothing
                        returning id""")
                .setParameter("slug", imported.slug())
                .setParameter("title", imported.title())
                .setParameter("standfirst", imported.standfirst())
                .setParameter("caption", imported.imageCaption())
                .setParameter("author", imported.author())
                .setParameter("affiliation", imported.affiliation())
                .setParameter("minutes", imported.readingMinutes())
                .setParameter("bio", imported.authorBio())
                .setParameter("attribution", imported.attribution())
                .setParameter("source", text)
                .setParameter("status", status)
                .getResultList();
        if (inserted.isEmpty()) {
            return idOfSlug(imported.slug()).orElseThrow();
        }
        long articleId = ((Number) inserted.get(0)).longValue();
        for (ImportedArticle.Block block : imported.blocks()) {
            ArticleBlock row = new ArticleBlock();
            row.articleId = articleId;
            row.position = block.position();
            row.kind = block.kind().name().toLowerCase(Locale.ROOT);
            row.text = block.text();
            row.persist();
        }
        int position = 0;
        for (String kind : imported.reactionKinds()) {
            em.createNativeQuery("insert into article_reaction_tally (article_id, kind, position) values (:a, :k, :p)")
                    .setParameter("a", articleId).setParameter("k", kind).setParameter("p", position++)
                    .executeUpdate();
        }
        for (ImportedArticle.ExtractedQuestion q : imported.questions()) {
            Question question = new Question();
            question.articleId = articleId;
            question.position = q.order();
            question.kind = q.kind().name().toLowerCase(Locale.ROOT);
            question.label = q.label();
            question.text = q.text();
            question.blockPosition = q.blockPosition();
            question.startOffset = q.start();
            question.endOffset = q.end();
            question.persist();
        }
        return articleId;
    }

    /**
     * The article's id, in SQL: the seed check runs this at every start, before the app is ready, and a query in
     * Hibernate's own language would first load and build its parser (about half a second of start-up).
     */
    private Optional<Long> idOfSlug(String slug) {
        List<?> ids = em.createNativeQuery("select id from article where slug = :slug").setParameter("slug", slug).getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(((Number) ids.get(0)).longValue());
    }

    @Transactional
    public List<Article> list() {
        return Article.newestFirst();
    }

    @Transactional
    public Article find(String slug) {
        return Article.findBySlug(slug).orElseThrow(() -> AppException.notFound("article"));
    }

    /** The article, if this viewer may read it; a draft answers 404 to everyone else, as a missing slug does. */
    public Article findVisible(Viewer viewer, String slug) {
        Article article = find(slug);
        if (!guardian.canSeeArticle(viewer, article)) {
            throw AppException.notFound("article");
        }
        return article;
    }

    /** The article page: five statements whatever the activity (article, blocks, questions, tally, own reaction). */
    @Transactional
    public ArticlePage page(Viewer viewer, String slug) {
        Article article = findVisible(viewer, slug);
        List<ArticleBlock> blocks = ArticleBlock.ofArticle(article.id);
        List<Question> questionRows = Question.listedOfArticle(article.id);
        List<QuestionSummary> questions = questionRows.stream().map(QuestionSummary::of).toList();
        ReactionSummary tally = reactions.summary(article.id, viewer);
        return new ArticlePage(article, withQuotes(article.id, highlight(blocks, questionRows)), questions,
                questions.stream().filter(q -> "title".equals(q.kind())).findFirst().orElse(null),
                tally, guardian.canReact(viewer));
    }

    /**
     * The quote heat map: how often each block is quoted in the article's public comments, and a level from 0 to 3
     * relative to the most quoted block, for a light background tint. One statement.
     */
    private List<ArticlePage.BlockView> withQuotes(long articleId, List<ArticlePage.BlockView> blocks) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select c.quote_block, count(*) from comment c join question q on q.id = c.question_id
                        join article a on a.id = q.article_id
                        where q.article_id = :a and c.quote_block is not null and\s""" + org.agora.comment.PublicComments.COMMENT + """
                        group by c.quote_block""")
                .setParameter("a", articleId).getResultList();
        if (rows.isEmpty()) {
            return blocks;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.put(((Number) r[0]).intValue(), ((Number) r[1]).intValue()));
        int max = counts.values().stream().max(Integer::compare).orElse(1);
        List<ArticlePage.BlockView> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            ArticlePage.BlockView b = blocks.get(i);
            int n = counts.getOrDefault(i, 0);
            out.add(new ArticlePage.BlockView(b.heading(), b.segments(), n, n == 0 ? 0 : 1 + (2 * n) / max));
        }
        return out;
    }

    /** Splits each block into text and question segments, using the offsets the importer recorded. */
    private List<ArticlePage.BlockView> highlight(List<ArticleBlock> blocks, List<Question> questions) {
        Map<Integer, List<Question>> byBlock = new HashMap<>();
        for (Question q : questions) {
            if (q.blockPosition != null) {
                byBlock.computeIfAbsent(q.blockPosition, k -> new ArrayList<>()).add(q);
            }
        }
        List<ArticlePage.BlockView> views = new ArrayList<>(blocks.size());
        for (ArticleBlock block : blocks) {
            List<ArticlePage.Segment> segments = new ArrayList<>();
            int cursor = 0;
            List<Question> inBlock = new ArrayList<>(byBlock.getOrDefault(block.position, List.of()));
            inBlock.sort(Comparator.comparingInt(q -> q.startOffset));
            for (Question q : inBlock) {
                if (q.startOffset < cursor || q.endOffset > block.text.length()) {
                    continue; // overlapping or stale offsets: show the text plainly rather than garble it
                }
                if (q.startOffset > cursor) {
                    segments.add(new ArticlePage.Segment(block.text.substring(cursor, q.startOffset), null));
                }
                segments.add(new ArticlePage.Segment(block.text.substring(q.startOffset, q.endOffset), QuestionSummary.of(q)));
                cursor = q.endOffset;
            }
            if (cursor < block.text.length()) {
                segments.add(new ArticlePage.Segment(block.text.substring(cursor), null));
            }
            views.add(new ArticlePage.BlockView("heading".equals(block.kind), segments));
        }
        return views;
    }
}
