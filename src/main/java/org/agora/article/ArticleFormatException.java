package org.agora.article;

/** The text cannot be read as an article; the message says why, in words fit to show the person who posted it. */
public class ArticleFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArticleFormatException(String message) {
        super(message);
    }
}
