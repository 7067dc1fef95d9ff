package org.agora.i18n;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;

/**
 * The languages Agora ships, in the order the switcher offers them. English is the default and the fallback.
 * Adding one: a {@code messages/msg_xx.properties} file and a line here (see README "Languages").
 */
public final class Languages {

    /** A shipped language: its tag and its name in itself (what the switcher shows). */
    public record Language(String tag, String nativeName) {
        public Locale locale() {
            return Locale.forLanguageTag(tag);
        }

        /** The message bundle in this language. */
        public Msg msg() {
            return BUNDLES.computeIfAbsent(tag, t -> equals(DEFAULT) ? MessageBundles.get(Msg.class)
                    : MessageBundles.get(Msg.class, Localized.Literal.of(t)));
        }
    }

    private static final Map<String, Msg> BUNDLES = new ConcurrentHashMap<>();
    private static final Map<String, RefusalMsg> REFUSALS = new ConcurrentHashMap<>();

    public static final Language DEFAULT = new Language("en", "English");
    public static final List<Language> SHIPPED = List.of(DEFAULT, new Language("de", "Deutsch"));

    private Languages() {
    }

    /** The refusal texts in the language of {@code msg} (a bundle that {@link Language#msg()} made), else English. */
    public static RefusalMsg refusals(Msg msg) {
        String tag = BUNDLES.entrySet().stream().filter(e -> e.getValue() == msg).map(Map.Entry::getKey).findFirst()
                .orElse(DEFAULT.tag());
        return REFUSALS.computeIfAbsent(tag, t -> t.equals(DEFAULT.tag()) ? MessageBundles.get(RefusalMsg.class)
                : MessageBundles.get(RefusalMsg.class, Localized.Literal.of(t)));
    }

    /** The shipped language with this tag (case-insensitive, primary subtag only), or null. */
    public static Language find(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        String primary = Locale.forLanguageTag(tag.strip()).getLanguage();
        for (Language language : SHIPPED) {
            if (language.tag().equals(primary)) {
                return language;
            }
        }
        return null;
    }

    /**
     * The language for a request: the remembered choice (cookie) when it names a shipped language, else the best
     * shipped match of {@code Accept-Language} (RFC 4647 lookup by primary language, honouring q-values), else English.
     */
    public static Language choose(String cookie, String acceptLanguage) {
        Language remembered = find(cookie);
        if (remembered != null) {
            return remembered;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= 1000) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getWeight() <= 0) {
                        continue;
                    }
                    Language match = find(range.getRange());
                    if (match != null) {
                        return match;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header means no preference
            }
        }
        return DEFAULT;
    }
}
