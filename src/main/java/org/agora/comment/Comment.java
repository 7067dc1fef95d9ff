package org.agora.comment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.time.Instant;

/** A comment in a question's thread. Rows are written with native SQL by CommentService; this maps them for reading. */
@Entity
public class Comment extends PanacheEntityBase {

    /**
     * Replies nest at most this deep (the root answer is depth 0); the database checks it too. Pages indent only
     * five levels, so deeper chains gain nothing, and an unbounded chain would let one person build a
     * pathologically deep tree.
     */
    public static final int MAX_DEPTH = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "question_id", nullable = false)
    public Long questionId;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(name = "author_id", nullable = false)
    public Long authorId;

    @Column(nullable = false)
    public Integer depth;

    @Column(nullable = false)
    public String body;

    @Column(name = "body_html", nullable = false)
    public String bodyHtml;

    /** One of {@link CommentStatus}, stored lower-case. */
    @Column(nullable = false)
    public String status;

    @Column(nullable = false, insertable = false, updatable = false)
    public Integer ups;

    @Column(nullable = false, insertable = false, updatable = false)
    public Integer downs;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Pinned (featured) by a moderator: listed first among the question's answers. */
    @Column(nullable = false)
    public boolean pinned;

    /** Why the comment was held, rejected or removed (a {@code ReasonCode} or pipeline code); shown to its author. */
    @Column(name = "moderation_reason")
    public String moderationReason;

    /** An optional note from the moderator to the author. */
    @Column(name = "moderation_message")
    public String moderationMessage;

    /** Reports not yet resolved by a moderator's decision. */
    @Column(name = "open_reports", nullable = false)
    public int openReports;

    /** The seminar whose private thread this comment is in; null for the public thread. */
    @Column(name = "seminar_id")
    public Long seminarId;

    /** agree, disagree or depends: a seminar answer's stance on the question's claim; null otherwise. */
    @Column
    public String stance;

    @Column(name = "submission_key")
    public java.util.UUID submissionKey;

    public CommentStatus status() {
        return CommentStatus.fromDb(status);
    }
}
