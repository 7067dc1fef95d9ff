package org.agora.seminar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.agora.seminar.ParticipationReport.Column;
import org.agora.seminar.ParticipationReport.Post;
import org.agora.seminar.ParticipationReport.Student;
import org.agora.seminar.ParticipationReport.StudentRow;
import org.junit.jupiter.api.Test;

/** The report's figures on a fixture computed by hand (the numbers in the comments), and its CSV. */
class ParticipationReportTest {

    private static final long ALICE = 1, BOB = 2, CAROL = 3, TUTOR = 9;
    private static final long Q10 = 10, Q11 = 11, Q12 = 12;
    private static final Instant DEADLINE = Instant.parse("2026-11-10T12:00:00Z");

    private static final List<Student> STUDENTS = List.of(
            new Student(ALICE, "alice", "Ålice Ångström, PhD", 4, false),
            new Student(BOB, "bob", "=cmd|' /C calc'!A0", 17, false),
            new Student(CAROL, "carol", "Carol Clark", 9, true));

    private static final List<Post> POSTS = List.of(
            // alice's answer: 5 words ("don't" and "well-known" are one each), +2, agree, before the deadline
            new Post(ALICE, Q10, null, "Cities don't sleep; well-known fact.", at("2026-11-08T09:00:00Z"), "agree", 3, 1),
            // bob replies to alice: a reply to a peer, 3 words (Markdown markers and the dash don't count), -1
            new Post(BOB, Q10, ALICE, "I disagree — **strongly**.", at("2026-11-08T10:00:00Z"), null, 0, 1),
            // alice replies to bob: a reply to a peer, 1 word, +1
            new Post(ALICE, Q10, BOB, "Why?", at("2026-11-09T08:00:00Z"), null, 1, 0),
            // alice answers another question exactly at the deadline: late; 4 words; depends
            new Post(ALICE, Q11, null, "2 reasons: cost, time", DEADLINE, "depends", 0, 0),
            // bob replies to himself after the deadline: not a reply to a peer; late; 2 words
            new Post(BOB, Q10, BOB, "Also this.", at("2026-11-10T13:00:00Z"), null, 0, 0),
            // bob replies to the tutor: not a peer; 1 word
            new Post(BOB, Q11, TUTOR, "Thanks", at("2026-11-09T15:00:00Z"), null, 0, 0),
            // the tutor's own answer is not graded
            new Post(TUTOR, Q12, null, "Tutor note with many words here", at("2026-11-07T09:00:00Z"), null, 5, 0),
            // bob answers: 1 word, disagree, -1
            new Post(BOB, Q11, null, "No.", at("2026-11-08T11:00:00Z"), "disagree", 0, 1));

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    private static ParticipationReport report() {
        return ParticipationReport.compute(5, "POLS2001 Tutorial 3 — Tue 10am", true, DEADLINE, STUDENTS, POSTS);
    }

    @Test
    void figuresPerStudentMatchTheHandCount() {
        ParticipationReport report = report();
        StudentRow alice = row(report, ALICE);
        assertThat(List.of(alice.comments(), alice.repliesToPeers(), alice.questionsAnswered(), alice.words(), alice.score()))
                .containsExactly(3, 1, 2, 10, 3);
        assertThat(List.of(alice.agree(), alice.disagree(), alice.depends(), alice.postsAfterDeadline())).containsExactly(1, 0, 1, 1);
        assertThat(alice.firstPost()).isEqualTo(at("2026-11-08T09:00:00Z"));
        assertThat(alice.lastPost()).isEqualTo(DEADLINE);
        assertThat(alice.pseudonym()).isEqualTo("Student 4");

        StudentRow bob = row(report, BOB);
        assertThat(List.of(bob.comments(), bob.repliesToPeers(), bob.questionsAnswered(), bob.words(), bob.score()))
                .containsExactly(4, 1, 1, 7, -2);
        assertThat(List.of(bob.agree(), bob.disagree(), bob.depends(), bob.postsAfterDeadline())).containsExactly(0, 1, 0, 1);
        assertThat(bob.firstPost()).isEqualTo(at("2026-11-08T10:00:00Z"));
        assertThat(bob.lastPost()).isEqualTo(at("2026-11-10T13:00:00Z"));

        StudentRow carol = row(report, CAROL);
        assertThat(List.of(carol.comments(), carol.words(), carol.score(), carol.postsAfterDeadline())).containsExactly(0, 0, 0, 0);
        assertThat(carol.firstPost()).isNull();
        assertThat(carol.removed()).isTrue();
    }

    @Test
    void classTotalsAndChartMatchTheHandCount() {
        ParticipationReport.Totals t = report().totals();
        assertThat(List.of(t.students(), t.activeStudents(), t.comments(), t.repliesToPeers(), t.questionsAnswered(), t.words(), t.score()))
                .containsExactly(3, 2, 7, 2, 2, 17, 1);
        assertThat(List.of(t.agree(), t.disagree(), t.depends(), t.postsAfterDeadline())).containsExactly(1, 1, 1, 2);
        assertThat(t.firstPost()).isEqualTo(at("2026-11-08T09:00:00Z"));
        assertThat(t.lastPost()).isEqualTo(at("2026-11-10T13:00:00Z"));

        ParticipationReport.Chart chart = report().chart();
        // the tutor's post of the 7th is not graded, so the chart runs from the 8th (3 posts) to the 10th (2)
        assertThat(chart.bars()).extracting(ParticipationReport.Bar::day).containsExactly("2026-11-08", "2026-11-09", "2026-11-10");
        assertThat(chart.bars()).extracting(ParticipationReport.Bar::count).containsExactly(3, 2, 2);
        assertThat(chart.bars().get(0).height()).isGreaterThan(chart.bars().get(1).height());
        assertThat(chart.bars().get(0).y() + chart.bars().get(0).height()).isEqualTo(chart.bars().get(2).y() + chart.bars().get(2).height());
        assertThat(chart.summary()).contains("7 in all").contains("at most 3 on 2026-11-08");
    }

    @Test
    void sortsByAnyColumnEitherWay() {
        ParticipationReport report = report();
        assertThat(report.sorted(Column.COMMENTS, true)).extracting(StudentRow::username).containsExactly("bob", "alice", "carol");
        assertThat(report.sorted(Column.SCORE, false)).extracting(StudentRow::username).containsExactly("bob", "carol", "alice");
        assertThat(report.sorted(Column.FIRST, false)).extracting(StudentRow::username).containsExactly("alice", "bob", "carol");
        assertThat(report.sorted(Column.NAME, false)).extracting(StudentRow::username).containsExactly("bob", "carol", "alice");
        assertThat(Column.parse("nonsense")).isEqualTo(Column.NAME);
    }

    @Test
    void csvOpensInASpreadsheetAsIsAndDefusesFormulas() throws Exception {
        String csv = ParticipationCsv.write(report());
        assertThat(csv).startsWith("\uFEFFstudent,username,pseudonym,");
        assertThat(csv).contains("\r\n");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        List<CSVRecord> rows = CSVParser.parse(csv.substring(1), CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get())
                .getRecords();
        assertThat(rows).hasSize(4);
        CSVRecord bob = rows.stream().filter(r -> r.get("username").equals("bob")).findFirst().orElseThrow();
        assertThat(bob.get("student")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(bob.get("score")).isEqualTo("-2");
        assertThat(bob.get("first_post_utc")).isEqualTo("2026-11-08 10:00:00");
        CSVRecord alice = rows.stream().filter(r -> r.get("username").equals("alice")).findFirst().orElseThrow();
        assertThat(alice.get("student")).isEqualTo("Ålice Ångström, PhD");
        assertThat(csv).contains("\"Ålice Ångström, PhD\"");
        assertThat(List.of(alice.get("comments"), alice.get("replies_to_peers"), alice.get("questions_answered"), alice.get("words"),
                alice.get("score"), alice.get("stance_agree"), alice.get("posts_after_deadline"))).containsExactly("3", "1", "2", "10", "3", "1", "1");
        CSVRecord total = rows.get(3);
        assertThat(total.get("student")).startsWith("Class total (3 students, 2 active)");
        assertThat(total.get("comments")).isEqualTo("7");
        assertThat(ParticipationCsv.fileName(report())).isEqualTo("participation-POLS2001-Tutorial-3-Tue-10am.csv");
    }

    @Test
    void wordsAreRunsOfLettersOrDigits() {
        assertThat(ParticipationReport.words("")).isZero();
        assertThat(ParticipationReport.words("> *quoted* — text, 42 times")).isEqualTo(4);
        assertThat(ParticipationReport.words("naïve café Zoë's")).isEqualTo(3);
    }

    private static StudentRow row(ParticipationReport report, long id) {
        return report.students().stream().filter(r -> r.memberId() == id).findFirst().orElseThrow();
    }
}
