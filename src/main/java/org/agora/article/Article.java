package org.agora.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An article posted as a discussion seed. Its body lives in {@link ArticleBlock}s, its questions in Question. */
@Entity
public class Article extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String title;

    public String standfirst;

    @Column(name = "image_caption")
    public String imageCaption;

    public String author;

    public String affiliation;

    @Column(name = "reading_minutes")
    public Integer readingMinutes;

    @Column(name = "author_bio")
    public String authorBio;

    public String attribution;

    /**
     * The text the article was imported from, kept for re-imports and audits. Loaded only when read: every thread
     * page, vote check and reaction loads its article, and none of them needs the whole essay (bench/README).
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "source_text", nullable = false)
    public String sourceText;

    @Column(name = "published_at", nullable = false, insertable = false, updatable = false)
    public Instant publishedAt;

    /** Hold every new comment on this article for review (pre-moderation). */
    @Column(nullable = false)
    public boolean premoderation;

    /** {@code draft} (only tutors and admins see it), {@code published}, or {@code archived} (readable, unlisted, closed). */
    @Column(nullable = false)
    public String status;

    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";
    public static final String ARCHIVED = "archived";

    /** The statuses a tutor can move this article to, for the management page's buttons. */
    public List<String> statusActions() {
        return java.util.stream.Stream.of(PUBLISHED, DRAFT, ARCHIVED).filter(s -> !s.equals(status)).toList();
    }

    public static Optional<Article> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** Every article, drafts and archived ones included, for the tutors' management page. */
    public static List<Article> all() {
        return list("order by id desc");
    }

    /** The published articles, newest first: what the front page and the API list. */
    public static List<Article> newestFirst() {
        return list("status = ?1 order by publishedAt desc, id desc", PUBLISHED);
    }
}
