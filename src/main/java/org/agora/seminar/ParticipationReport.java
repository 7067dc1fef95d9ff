package org.agora.seminar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seminar's participation report, per student and for the class (Perusall-style participation figures). Computed
 * from the seminar's published comments only: held, rejected, removed and deleted comments don't count. Pure: the
 * figures follow from {@link #compute}'s inputs alone, so a hand-computed fixture can check them.
 *
 * <ul>
 * <li><b>comments</b>: published answers and replies;</li>
 * <li><b>replies to peers</b>: replies to a comment by another student of the seminar (not to oneself, not to the tutor);</li>
 * <li><b>questions answered</b>: distinct questions with at least one top-level answer by the student;</li>
 * <li><b>words</b>: runs of letters or digits (with inner apostrophes or hyphens: "don't", "well-known" are one word);
 * Markdown markers and punctuation don't count;</li>
 * <li><b>score</b>: up votes minus down votes received on the student's comments;</li>
 * <li><b>stance mix</b>: the stances of the student's answers;</li>
 * <li><b>first and last post</b>, and <b>posts after the deadline</b> (at or after it).</li>
 * </ul>
 */
public record ParticipationReport(long seminarId, String seminarName, boolean anonymous, Instant deadline, List<StudentRow> students,
        Totals totals, Chart chart) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*");

    /** A student of the seminar, as the tutor knows them. */
    public record Student(long memberId, String username, String displayName, int pseudonym, boolean removed) {
    }

    /** One published comment of the seminar. {@code parentAuthorId} is null for a top-level answer. */
    public record Post(long authorId, long questionId, Long parentAuthorId, String body, Instant createdAt, String stance, int ups,
            int downs) {
    }

    public record StudentRow(long memberId, String username, String displayName, String pseudonym, boolean removed, int comments,
            int repliesToPeers, int questionsAnswered, int words, int score, int agree, int disagree, int depends, Instant firstPost,
            Instant lastPost, int postsAfterDeadline) {

        /** "Alice Smith (alice)", or the username alone when the display name is the same. */
        public String name() {
            return displayName == null || displayName.equals(username) ? username : displayName + " (" + username + ")";
        }
    }

    /** Class totals; {@code questionsAnswered} counts distinct questions answered by anyone in the class. */
    public record Totals(int students, int activeStudents, int comments, int repliesToPeers, int questionsAnswered, int words, int score,
            int agree, int disagree, int depends, Instant firstPost, Instant lastPost, int postsAfterDeadline) {
    }

    /** A small bar chart of published comments per day (UTC), laid out for inline SVG; the busiest day for its summary. */
    public record Chart(int width, int height, List<Bar> bars, int max, int total, String from, String to, int busiest, String busiestDay) {
        public boolean empty() {
            return bars.isEmpty();
        }

        /** The chart in one English sentence (the page says it in the reader's language from the same figures). */
        public String summary() {
            return empty() ? "No posts yet." : "Comments per day from " + from + " to " + to + ": " + total + " in all, at most " + busiest
                    + " on " + busiestDay + ".";
        }

        public String firstDay() {
            return empty() ? "" : bars.get(0).day();
        }

        public String lastDay() {
            return empty() ? "" : bars.get(bars.size() - 1).day();
        }

        public int axisY() {
            return height - 14;
        }

        public int labelY() {
            return height - 2;
        }
    }

    public record Bar(String day, int count, int x, int y, int width, int height) {
    }

    /** The columns the page can sort by, with their header labels. */
    public enum Column {
        NAME("Student"), COMMENTS("Comments"), REPLIES("Replies to peers"), QUESTIONS("Questions answered"), WORDS("Words"),
        SCORE("Votes received (score)"), STANCES("Stance mix"), FIRST("First post"), LAST("Last post"), LATE("Posts after deadline");

        private final String label;

        Column(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Column parse(String value) {
            if (value != null) {
                for (Column c : values()) {
                    if (c.key().equalsIgnoreCase(value.strip())) {
                        return c;
                    }
                }
            }
            return NAME;
        }
    }

    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 120;
    static final int MAX_DAYS = 90;

    public static ParticipationReport compute(long seminarId, String seminarName, boolean anonymous, Instant deadline,
            List<Student> students, List<Post> posts) {
        Map<Long, Student> byId = new HashMap<>();
        students.forEach(s -> byId.put(s.memberId(), s));
        Map<Long, Acc> acc = new HashMap<>();
        students.forEach(s -> acc.put(s.memberId(), new Acc()));
        Set<Long> classQuestions = new HashSet<>();
        for (Post p : posts) {
            Acc a = acc.get(p.authorId());
            if (a == null) {
                continue; // the tutor's (or staff's) own comments are not graded
            }
            a.comments++;
            if (p.parentAuthorId() != null && !p.parentAuthorId().equals(p.authorId()) && byId.containsKey(p.parentAuthorId())) {
                a.repliesToPeers++;
            }
            if (p.parentAuthorId() == null) {
                a.questions.add(p.questionId());
                classQuestions.add(p.questionId());
            }
            a.words += words(p.body());
            a.score += p.ups() - p.downs();
            if ("agree".equals(p.stance())) {
                a.agree++;
            } else if ("disagree".equals(p.stance())) {
                a.disagree++;
            } else if ("depends".equals(p.stance())) {
                a.depends++;
            }
            a.first = a.first == null || p.createdAt().isBefore(a.first) ? p.createdAt() : a.first;
            a.last = a.last == null || p.createdAt().isAfter(a.last) ? p.createdAt() : a.last;
            if (deadline != null && !p.createdAt().isBefore(deadline)) {
                a.late++;
            }
        }
        List<StudentRow> rows = new ArrayList<>();
        int active = 0, comments = 0, replies = 0, words = 0, score = 0, agree = 0, disagree = 0, depends = 0, late = 0;
        Instant first = null, last = null;
        for (Student s : students) {
            Acc a = acc.get(s.memberId());
            rows.add(new StudentRow(s.memberId(), s.username(), s.displayName(), SeminarGate.pseudonym(s.pseudonym()), s.removed(),
                    a.comments, a.repliesToPeers, a.questions.size(), a.words, a.score, a.agree, a.disagree, a.depends, a.first, a.last,
                    a.late));
            active += a.comments > 0 ? 1 : 0;
            comments += a.comments;
            replies += a.repliesToPeers;
            words += a.words;
            score += a.score;
            agree += a.agree;
            disagree += a.disagree;
            depends += a.depends;
            late += a.late;
            first = a.first != null && (first == null || a.first.isBefore(first)) ? a.first : first;
            last = a.last != null && (last == null || a.last.isAfter(last)) ? a.last : last;
        }
        rows.sort(Comparator.comparing(StudentRow::name, String.CASE_INSENSITIVE_ORDER));
        Totals totals = new Totals(students.size(), active, comments, replies, classQuestions.size(), words, score, agree, disagree,
                depends, first, last, late);
        List<Instant> graded = posts.stream().filter(p -> byId.containsKey(p.authorId())).map(Post::createdAt).toList();
        return new ParticipationReport(seminarId, seminarName, anonymous, deadline, List.copyOf(rows), totals, chart(graded));
    }

    /** The students sorted by a column; ties (and the name column) go by name. */
    public List<StudentRow> sorted(Column column, boolean descending) {
        Comparator<StudentRow> byName = Comparator.comparing(StudentRow::name, String.CASE_INSENSITIVE_ORDER);
        Comparator<StudentRow> order = switch (column) {
            case NAME -> byName;
            case COMMENTS -> Comparator.comparingInt(StudentRow::comments);
            case REPLIES -> Comparator.comparingInt(StudentRow::repliesToPeers);
            case QUESTIONS -> Comparator.comparingInt(StudentRow::questionsAnswered);
            case WORDS -> Comparator.comparingInt(StudentRow::words);
            case SCORE -> Comparator.comparingInt(StudentRow::score);
            case STANCES -> Comparator.comparingInt((StudentRow r) -> r.agree() + r.disagree() + r.depends());
            case FIRST -> Comparator.comparing(StudentRow::firstPost, Comparator.nullsLast(Comparator.naturalOrder()));
            case LAST -> Comparator.comparing(StudentRow::lastPost, Comparator.nullsLast(Comparator.naturalOrder()));
            case LATE -> Comparator.comparingInt(StudentRow::postsAfterDeadline);
        };
        if (descending) {
            order = order.reversed();
        }
        List<StudentRow> result = new ArrayList<>(students);
        result.sort(column == Column.NAME ? order : order.thenComparing(byName));
        return result;
    }

    static int words(String text) {
        if (text == null) {
            return 0;
        }
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Bars per UTC day from the first post's day to the last's (the last {@value #MAX_DAYS} days at most). */
    static Chart chart(List<Instant> times) {
        if (times.isEmpty()) {
            return new Chart(CHART_WIDTH, CHART_HEIGHT, List.of(), 0, 0, null, null, 0, null);
        }
        Map<LocalDate, Integer> perDay = new HashMap<>();
        LocalDate from = null, to = null;
        for (Instant t : times) {
            LocalDate d = t.atZone(ZoneOffset.UTC).toLocalDate();
            perDay.merge(d, 1, Integer::sum);
            from = from == null || d.isBefore(from) ? d : from;
            to = to == null || d.isAfter(to) ? d : to;
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            from = to.minusDays(MAX_DAYS - 1);
        }
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        int max = perDay.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int slot = CHART_WIDTH / days;
        int barWidth = Math.max(1, slot - Math.max(1, slot / 5));
        List<Bar> bars = new ArrayList<>();
        int busiest = 0;
        LocalDate busiestDay = from;
        for (int i = 0; i < days; i++) {
            LocalDate d = from.plusDays(i);
            int count = perDay.getOrDefault(d, 0);
            int h = max == 0 ? 0 : (int) Math.round((double) count * (CHART_HEIGHT - 20) / max);
            bars.add(new Bar(d.toString(), count, i * slot, CHART_HEIGHT - 14 - h, barWidth, h));
            if (count > busiest) {
                busiest = count;
                busiestDay = d;
            }
        }
        return new Chart(CHART_WIDTH, CHART_HEIGHT, bars, max, times.size(), from.toString(), to.toString(), busiest, busiestDay.toString());
    }

    private static final class Acc {
        int comments;
        int repliesToPeers;
        final Set<Long> questions = new HashSet<>();
        int words;
        int score;
        int agree;
        int disagree;
        int depends;
        Instant first;
        Instant last;
        int late;
    }
}
