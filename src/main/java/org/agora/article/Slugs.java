package org.agora.article;

import java.text.Normalizer;
import java.util.Locale;

/** URL names for articles: lower-case ASCII words joined by single hyphens. */
public final class Slugs {

    /** Matches the {@code article.slug varchar(120)} column. */
    public static final int MAX_LENGTH = 120;

    private static final String FALLBACK = "article";

    private Slugs() {
    }

    /**
     * "Why is NATO’s reach growing?" → "why-is-natos-reach-growing". Accents are folded ("Grgić" → "grgic"),
     * apostrophes vanish so possessives stay one word, every other run of non-alphanumerics becomes one hyphen, and a
     * slug longer than {@value #MAX_LENGTH} is cut at a hyphen. Never empty: a title with nothing usable gives
     * "article".
     */
    public static String slugify(String title) {
        if (title == null) {
            return FALLBACK;
        }
        String folded = foldToAscii(title).toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder(Math.min(folded.length(), MAX_LENGTH + 1));
        boolean pendingHyphen = false;
        for (int i = 0; i < folded.length() && slug.length() <= MAX_LENGTH; i++) {
            char c = folded.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (pendingHyphen && slug.length() > 0) {
                    slug.append('-');
                }
                pendingHyphen = false;
                slug.append(c);
            } else if (!isApostrophe(c)) {
                pendingHyphen = true;
            }
        }
        String result = cut(slug.toString());
        return result.isEmpty() ? FALLBACK : result;
    }

    /** Cuts at the last hyphen that keeps the slug within the limit, so no word is chopped in half. */
    private static String cut(String slug) {
        if (slug.length() <= MAX_LENGTH) {
            return slug;
        }
        int hyphen = slug.lastIndexOf('-', MAX_LENGTH);
        return hyphen > 0 ? slug.substring(0, hyphen) : slug.substring(0, MAX_LENGTH);
    }

    /** Decomposes accents and drops the marks; letters that do not decompose (ø, æ, ß, ł…) get a usual spelling. */
    private static String foldToAscii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(switch (c) {
                case 'ø' -> "o";
                case 'Ø' -> "O";
                case 'æ' -> "ae";
                case 'Æ' -> "AE";
                case 'œ' -> "oe";
                case 'Œ' -> "OE";
                case 'ß' -> "ss";
                case 'ł' -> "l";
                case 'Ł' -> "L";
                case 'đ', 'ð' -> "d";
                case 'Đ', 'Ð' -> "D";
                case 'þ' -> "th";
                case 'Þ' -> "TH";
                case 'ı' -> "i";
                default -> String.valueOf(c);
            });
        }
        return out.toString();
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’' || c == '‘' || c == 'ʼ' || c == '`' || c == '´';
    }
}
