package org.agora.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

/** One heading or paragraph of an article body, in reading order. */
@Entity
@Table(name = "article_block")
@IdClass(ArticleBlock.Key.class)
public class ArticleBlock extends PanacheEntityBase {

    @Id
    @Column(name = "article_id")
    public Long articleId;

    @Id
    public Integer position;

    /** {@code heading} or {@code paragraph}. */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String text;

    public static List<ArticleBlock> ofArticle(long articleId) {
        return list("articleId = ?1 order by position", articleId);
    }

    public record Key(Long articleId, Integer position) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
