package org.agora.question;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.util.List;

/** A question the article asks; each has its own thread of comments. */
@Entity
public class Question extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "article_id", nullable = false)
    public Long articleId;

    /** Display order within the article, 1..n. */
    @Column(nullable = false)
    public Integer position;

    /** {@code title}, {@code heading} or {@code sentence}. */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String label;

    @Column(nullable = false)
    public String text;

    /** The body block the question sits in; null for the title question. */
    @Column(name = "block_position")
    public Integer blockPosition;

    @Column(name = "start_offset", nullable = false)
    public Integer startOffset;

    @Column(name = "end_offset", nullable = false)
    public Integer endOffset;

    /** Counters are maintained by the vote and comment services in the same transaction as the change. */
    @Column(nullable = false, insertable = false, updatable = false)
    public Integer ups;

    @Column(nullable = false, insertable = false, updatable = false)
    public Integer downs;

    @Column(name = "comment_count", nullable = false, insertable = false, updatable = false)
    public Integer commentCount;

    /** A locked thread takes no new comments; votes are still allowed. */
    @Column(nullable = false)
    public boolean locked;

    /** A hidden question is not listed, and its thread shows only to moderators. */
    @Column(nullable = false)
    public boolean hidden;

    /** The status of the question's article (draft, published, archived), read with the question. */
    @org.hibernate.annotations.Formula("(select a.status from article a where a.id = article_id)")
    public String articleStatus;

    public int score() {
        return ups - downs;
    }

    public static List<Question> ofArticle(long articleId) {
        return list("articleId = ?1 order by position", articleId);
    }

    /** The questions an article shows: hidden ones are left out (moderators reach them through the queue and log). */
    public static List<Question> listedOfArticle(long articleId) {
        return list("articleId = ?1 and hidden = false order by position", articleId);
    }
}
