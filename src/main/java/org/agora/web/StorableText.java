package org.agora.web;

import org.agora.i18n.Msg;

/**
 * What any text a person types must be before it is stored: PostgreSQL text can't hold NUL, and a lone UTF-16
 * surrogate (which JSON's "\ud800" escapes can produce) has no UTF-8 form, so it would be silently changed. Both
 * are refused with a 400 naming the field, rather than failing in the database or storing something else.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Returns {@code text} unchanged (null stays null) when it can be stored exactly; a 400 for {@code field} otherwise. */
    public static String check(String field, String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw AppException.invalid(field, "The text contains a NUL character, which can't be stored.").localized(Msg::error_nul);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw AppException.invalid(field, "The text is not valid Unicode (it contains a lone surrogate).").localized(Msg::error_surrogate);
            }
        }
        return text;
    }
}
