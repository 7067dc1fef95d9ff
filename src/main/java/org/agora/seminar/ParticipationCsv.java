package org.agora.seminar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The participation report as a CSV file a spreadsheet opens as is: UTF-8 with a byte-order mark (so Excel reads
 * names like "Zoë" right), comma-separated, CRLF line ends, quoted where needed (Apache Commons CSV's EXCEL format),
 * times as "yyyy-MM-dd HH:mm:ss" UTC which spreadsheets parse as dates. Text cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return) are prefixed with an apostrophe (OWASP's CSV injection advice).
 */
public final class ParticipationCsv {

    public static final String BOM = "\uFEFF";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ParticipationCsv() {
    }

    public static String write(ParticipationReport report) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
            csv.printRecord("student", "username", "pseudonym", "removed", "comments", "replies_to_peers", "questions_answered", "words",
                    "score", "stance_agree", "stance_disagree", "stance_depends", "first_post_utc", "last_post_utc",
                    "posts_after_deadline");
            for (ParticipationReport.StudentRow r : report.students()) {
                csv.printRecord(text(r.displayName()), text(r.username()), text(r.pseudonym()), r.removed() ? "yes" : "no", r.comments(),
                        r.repliesToPeers(), r.questionsAnswered(), r.words(), r.score(), r.agree(), r.disagree(), r.depends(),
                        time(r.firstPost()), time(r.lastPost()), r.postsAfterDeadline());
            }
            ParticipationReport.Totals t = report.totals();
            csv.printRecord("Class total (" + t.students() + " students, " + t.activeStudents() + " active)", "", "", "", t.comments(),
                    t.repliesToPeers(), t.questionsAnswered(), t.words(), t.score(), t.agree(), t.disagree(), t.depends(),
                    time(t.firstPost()), time(t.lastPost()), t.postsAfterDeadline());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A text cell, defused when a spreadsheet would read it as a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A file name for the download: the seminar's name reduced to safe characters. */
    public static String fileName(ParticipationReport report) {
        String base = report.seminarName().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "participation-" + (base.isEmpty() ? "seminar-" + report.seminarId() : base) + ".csv";
    }
}
