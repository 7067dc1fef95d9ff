package org.agora.seminar;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.agora.i18n.CurrentLanguage;
import org.agora.i18n.Languages;

/** The seminar bundle in a request's language (a bundle interface may hold nothing but its messages). */
final class SeminarMessages {

    private static final Map<String, SeminarMsg> BY_TAG = new ConcurrentHashMap<>();

    private SeminarMessages() {
    }

    static SeminarMsg of(CurrentLanguage language) {
        return BY_TAG.computeIfAbsent(language.tag(), tag -> tag.equals(Languages.DEFAULT.tag())
                ? MessageBundles.get(SeminarMsg.class)
                : MessageBundles.get(SeminarMsg.class, Localized.Literal.of(tag)));
    }
}
