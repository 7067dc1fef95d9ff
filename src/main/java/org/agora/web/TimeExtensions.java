package org.agora.web;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.agora.i18n.Languages;
import org.agora.i18n.Msg;

/**
 * Times in templates, in the page's language: "5 minutes ago" / "vor 5 Minuten", with the absolute time (UTC) for
 * the tooltip and an ISO instant for {@code <time datetime>}. Use the {@code {#time at=… /}} tag, which puts the three
 * together.
 */
@TemplateExtension
public final class TimeExtensions {

    private TimeExtensions() {
    }

    /** Whole seconds: HTML's datetime syntax allows at most three fraction digits, PostgreSQL keeps six. */
    static String iso(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String absolute(Instant instant, @TemplateAttribute("locale") Object locale) {
        return absolute(instant, language(locale).locale());
    }

    static String relative(Instant instant, @TemplateAttribute("locale") Object locale) {
        return instant == null ? "" : relative(instant, Instant.now(), language(locale));
    }

    public static String absolute(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    /** Rounded to the nearest unit; beyond 30 days the date itself says more than "41 days ago". */
    public static String relative(Instant instant, Instant now, Languages.Language language) {
        Msg msg = language.msg();
        long seconds = Math.max(0, Duration.between(instant, now).getSeconds());
        if (seconds < 45) {
            return msg.time_justNow();
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return msg.time_minutesAgo(minutes);
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours < 24) {
            return msg.time_hoursAgo(hours);
        }
        long days = Math.round(seconds / 86400.0);
        if (days < 30) {
            return msg.time_daysAgo(days);
        }
        return absolute(instant, language.locale());
    }

    private static Languages.Language language(Object locale) {
        Languages.Language language = locale instanceof Locale l ? Languages.find(l.toLanguageTag()) : null;
        return language != null ? language : Languages.DEFAULT;
    }
}
