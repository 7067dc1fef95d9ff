package org.agora.comment;

/**
 * What everyone may see, as SQL predicates over {@code comment c} joined to {@code question q} and
 * {@code article a}. Search, profiles,
 * feeds and activity notifications all use these, so a new visibility rule (a seminar's private threads, say) is
 * added here once and no listing can forget it.
 */
public final class PublicComments {

    // padded with spaces, so they can be concatenated into SQL on either side

    /** A published comment in a question that is not hidden, of an article that is not a draft. */
    public static final String COMMENT = " (c.status = 'published' and c.seminar_id is null and not q.hidden and a.status <> 'draft') ";

    /** A question that is not hidden, of an article that is not a draft. */
    public static final String QUESTION = " (not q.hidden and a.status <> 'draft') ";

    /** An article that is not a draft. */
    public static final String ARTICLE = " (a.status <> 'draft') ";

    private PublicComments() {
    }
}
