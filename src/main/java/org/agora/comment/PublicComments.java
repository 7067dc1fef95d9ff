package org.agora.comment;

/**
 * What everyone may see, as SQL predicates over {@code comment c} joined to {@code question q}. Search, profiles,
 * feeds and activity notifications all use these, so a new visibility rule (a seminar's private threads, say) is
 * added here once and no listing can forget it.
 */
public final class PublicComments {

    /** A published comment in a question that is not hidden. */
    public static final String COMMENT = "c.status = 'published' and not q.hidden";

    /** A question that is not hidden. */
    public static final String QUESTION = "not q.hidden";

    private PublicComments() {
    }
}
