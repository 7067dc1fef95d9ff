package org.agora.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times in templates: "5 minutes ago", with the absolute UTC time for tooltips. */
@TemplateExtension
public final class TimeExtensions {

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TimeExtensions() {
    }

    static String absolute(Instant instant) {
        return instant == null ? "" : ABSOLUTE.format(instant);
    }

    static String relative(Instant instant) {
        return instant == null ? "" : relative(instant, Instant.now());
    }

    public static String relative(Instant instant, Instant now) {
        long seconds = Math.max(0, Duration.between(instant, now).getSeconds());
        if (seconds < 45) {
            return "just now";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return plural(minutes, "minute") + " ago";
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours < 24) {
            return plural(hours, "hour") + " ago";
        }
        long days = Math.round(seconds / 86400.0);
        if (days < 30) {
            return plural(days, "day") + " ago";
        }
        return absolute(instant);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
