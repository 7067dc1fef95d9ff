package org.agora.comment;

/**
 * How a thread names comment authors to one viewer: real usernames in public threads, "Student N" pseudonyms among
 * the students of an anonymous seminar. Every name a page, the API or a report shows passes through one of these.
 */
@FunctionalInterface
public interface AuthorNames {

    AuthorNames REAL = (authorId, username) -> username;

    String of(long authorId, String username);
}
