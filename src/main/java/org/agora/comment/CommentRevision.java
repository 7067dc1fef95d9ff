package org.agora.comment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** Every version of a comment's text, the original first; edits never overwrite history. */
@Entity
@Table(name = "comment_revision")
public class CommentRevision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "comment_id", nullable = false)
    public Long commentId;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    public static List<CommentRevision> ofComment(long commentId) {
        return list("commentId = ?1 order by id", commentId);
    }
}
