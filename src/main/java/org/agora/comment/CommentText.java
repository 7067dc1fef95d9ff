package org.agora.comment;

import org.agora.i18n.Msg;
import org.agora.web.AppException;
import org.agora.web.StorableText;

/** The rules a comment's text must meet, checked before it reaches the database (which checks the length again). */
public final class CommentText {

    public static final int MAX_CHARACTERS = 10_000;

    private CommentText() {
    }

    /** Returns the text unchanged when it is acceptable, so what is stored round-trips exactly. */
    public static String validate(String body) {
        if (body == null || body.isBlank()) {
            throw AppException.invalid("body", "Write something first: a comment can't be empty.").localized(Msg::error_commentEmpty);
        }
        int characters = body.codePointCount(0, body.length());
        if (characters > MAX_CHARACTERS) {
            throw AppException.invalid("body", "A comment can have at most 10,000 characters; this one has "
                    + String.format("%,d", characters) + ".").localized(m -> m.error_commentTooLong(characters));
        }
        StorableText.check("body", body); // PostgreSQL text can't hold NUL; a lone surrogate has no UTF-8 form
        return body;
    }
}
