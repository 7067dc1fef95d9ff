package org.agora.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.member.MemberService;
import org.agora.security.Viewer;
import org.agora.testing.AgoraStack;
import org.agora.testing.AtOnce;
import org.agora.testing.Api;
import org.flywaydb.core.Flyway;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Reaction tallies split into 32 slots per kind (migrations/V11): whatever the interleaving, every slot equals the
 * reactions of its members and every tally the sum of its slots, which is what readers see.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ReactionTallyTest {

    private static final List<String> KINDS = List.of("like", "dislike", "love", "funny", "angry", "sad", "wow");

    @Inject
    ReactionService reactions;

    @Inject
    MemberService members;

    @Inject
    EntityManager em;

    /** 64 members, two to a slot, changing and withdrawing at once: the tallies read equal the rows. */
    @Test
    void manyMembersChangingAtOnceKeepEverySlotAndEveryTallyExact() throws Exception {
        List<Viewer> people = AtOnce.members(members, "slotted", 64);
        AtOnce.forEach(people, viewer -> {
            long id = viewer.memberId();
            for (int i = 0; i < 3; i++) {
                reactions.react(viewer, Api.SEED_SLUG, KINDS.get((int) ((id + i) % KINDS.size())));
            }
            if (id % 5 == 0) {
                reactions.withdraw(viewer, Api.SEED_SLUG);
            }
        });

        assertEverySlotEqualsItsRows();
        Map<String, Integer> rows = rowsByKind();
        ReactionSummary summary = reactions.summary(articleId(), Viewer.ANONYMOUS);
        for (ReactionSummary.Count count : summary.counts()) {
            assertThat(count.count()).as("tally of %s", count.kind()).isEqualTo(rows.get(count.kind()));
        }
        assertThat(summary.total()).isEqualTo(rows.values().stream().mapToInt(Integer::intValue).sum());
        // the counts really are spread over slots, so the tally above is a sum: no single slot row holds a whole kind
        for (String kind : KINDS) {
            assertThat(number("select coalesce(max(count), 0) from article_reaction_tally_slot where article_id = " + articleId()
                    + " and kind = '" + kind + "'")).as("largest slot of %s", kind).isLessThan(rows.get(kind));
        }
    }

    @Test
    void changingAReactionMovesExactlyOneCount() throws Exception {
        Viewer viewer = AtOnce.members(members, "changer", 1).get(0);
        reactions.react(viewer, Api.SEED_SLUG, "like");
        Map<String, Integer> before = tally();
        Map<String, Integer> slotsBefore = slots();
        String mySlot = "slot " + viewer.memberId() % 32;

        ReactionSummary answer = reactions.react(viewer, Api.SEED_SLUG, "wow");

        Map<String, Integer> after = tally();
        assertThat(after.get("like")).isEqualTo(before.get("like") - 1);
        assertThat(after.get("wow")).isEqualTo(before.get("wow") + 1);
        for (String kind : List.of("dislike", "love", "funny", "angry", "sad")) {
            assertThat(after.get(kind)).as(kind).isEqualTo(before.get(kind));
        }
        // the answer's summary is the tally the next reader sees
        answer.counts().forEach(c -> assertThat(c.count()).as(c.kind()).isEqualTo(after.get(c.kind())));
        assertThat(answer.mine()).isEqualTo("wow");
        // and exactly two slot rows changed, both the member's own slot
        Map<String, Integer> slotsAfter = slots();
        Map<String, Integer> changed = new LinkedHashMap<>();
        slotsAfter.forEach((key, count) -> {
            if (!count.equals(slotsBefore.getOrDefault(key, 0))) {
                changed.put(key, count - slotsBefore.getOrDefault(key, 0));
            }
        });
        assertThat(changed).containsExactlyInAnyOrderEntriesOf(Map.of("like " + mySlot, -1, "wow " + mySlot, 1));

        ReactionSummary withdrawn = reactions.withdraw(viewer, Api.SEED_SLUG);
        assertThat(withdrawn.mine()).isNull();
        assertThat(tally()).containsEntry("wow", before.get("wow")).containsEntry("like", before.get("like") - 1);
        assertThat(withdrawn.total()).isEqualTo(before.values().stream().mapToInt(Integer::intValue).sum() - 1);
        assertEverySlotEqualsItsRows();
    }

    /** The article page, rendered for a signed-in reader (never cached), shows each kind's rows and their total. */
    @Test
    void theArticlePageShowsTheSumOfTheSlots() throws Exception {
        AtOnce.forEach(AtOnce.members(members, "page", 40), viewer -> reactions.react(viewer, Api.SEED_SLUG, viewer.memberId() % 2 == 0 ? "love" : "sad"));
        Map<String, Integer> rows = rowsByKind();
        Document page = Jsoup.parse(Api.as("bob").accept("text/html").get("/articles/" + Api.SEED_SLUG)
                .then().statusCode(200).extract().asString());

        List<Integer> shown = page.select("#reactions .reaction .count").eachText().stream().map(Integer::parseInt).toList();
        assertThat(shown).containsExactlyElementsOf(KINDS.stream().map(rows::get).toList());
        int total = rows.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(page.select("#reactions .total").text()).contains(Integer.toString(total));
        assertThat(Api.anonymous().get("/api/articles/" + Api.SEED_SLUG).then().statusCode(200).extract().jsonPath()
                .getInt("reactions.love")).isEqualTo(rows.get("love"));
    }

    /**
     * V11 turns the old per-kind counters into slots: on a database migrated to V10, with reactions and one counter
     * that was off by two, V11 leaves every article's tally what it was (the difference in slot 0) and every other slot
     * equal to its members' rows.
     */
    @Test
    void migrationV11KeepsEveryCount() throws Exception {
        String database = "v11_" + UUID.randomUUID().toString().substring(0, 8);
        String adminUrl = AgoraStack.jdbcUrl();
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "postgres"); Statement st = admin.createStatement()) {
            st.execute("create database " + database);
        }
        String url = adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try {
            migrateTo(url, "10");
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
                st.execute("insert into member (subject, username, display_name) select 's' || g, 'm' || g, 'M' || g from generate_series(1, 100) g");
                st.execute("insert into article (slug, title, source_text) values ('a', 'A', 'text'), ('b', 'B', 'text')");
                st.execute("insert into article_reaction_tally (article_id, kind, position) select a.id, k.kind, k.pos"
                        + " from article a cross join unnest(array['like', 'love', 'wow']) with ordinality k(kind, pos)");
                st.execute("insert into reaction (article_id, member_id, kind) select a.id, m.id, (array['like', 'love', 'wow'])[1 + m.id % 3]"
                        + " from article a cross join member m where a.slug = 'a' or m.id % 4 = 0");
                st.execute("update article_reaction_tally t set count = (select count(*) from reaction r where r.article_id = t.article_id and r.kind = t.kind)");
                st.execute("update article_reaction_tally t set count = count + 2 from article a where a.id = t.article_id and a.slug = 'b' and t.kind = 'wow'");
                Map<String, Integer> before = counts(st, "select a.slug || ' ' || t.kind, t.count from article_reaction_tally t join article a on a.id = t.article_id");

                migrateTo(url, "11");

                assertThat(counts(st, """
                        select a.slug || ' ' || t.kind, coalesce(sum(s.count), 0)::int from article_reaction_tally t join article a on a.id = t.article_id
                        left join article_reaction_tally_slot s on s.article_id = t.article_id and s.kind = t.kind group by 1""")).isEqualTo(before);
                assertThat(counts(st, """
                        select a.slug || ' ' || s.kind || ' ' || s.slot, s.count - (select count(*) from reaction r where r.article_id = s.article_id
                            and r.kind = s.kind and r.member_id % 32 = s.slot)::int
                        from article_reaction_tally_slot s join article a on a.id = s.article_id
                        where s.count <> (select count(*) from reaction r where r.article_id = s.article_id and r.kind = s.kind and r.member_id % 32 = s.slot)"""))
                        .as("slots that differ from their rows").isEqualTo(Map.of("b wow 0", 2));
                assertThat(counts(st, "select 'slots', count(distinct slot)::int from article_reaction_tally_slot").get("slots")).isEqualTo(32);

                // a slot's count changing, created or updated, is announced through the outbox (V10), nothing else is
                String events = "select 'events', count(*)::int from agora_event_outbox where payload::json ->> 'type' = 'reactions'";
                int announced = counts(st, events).get("events");
                st.execute("insert into article_reaction_tally_slot (article_id, kind, slot, count)"
                        + " select id, 'love', 5, 0 from article where slug = 'b'");
                st.execute("update article_reaction_tally_slot s set count = s.count from article a where a.id = s.article_id and a.slug = 'b'");
                assertThat(counts(st, events).get("events")).as("events without a change of count").isEqualTo(announced);
                st.execute("update article_reaction_tally_slot s set count = s.count + 1 from article a"
                        + " where a.id = s.article_id and a.slug = 'b' and s.kind = 'love' and s.slot = 5");
                st.execute("insert into article_reaction_tally_slot (article_id, kind, slot, count)"
                        + " select id, 'love', 6, 1 from article where slug = 'b'");
                assertThat(counts(st, events).get("events")).isEqualTo(announced + 2);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "postgres"); Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + database);
            }
        }
    }

    private static void migrateTo(String url, String version) {
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration").target(version).load().migrate();
    }

    private static Map<String, Integer> counts(Statement st, String sql) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private void assertEverySlotEqualsItsRows() {
        assertThat(number("""
                select count(*) from article_reaction_tally_slot s
                where s.count <> (select count(*) from reaction r where r.article_id = s.article_id and r.kind = s.kind
                                  and agora_reaction_slot(r.member_id) = s.slot)""")).as("slots that differ from their rows").isZero();
        assertThat(number("""
                select count(*) from (select article_id, kind, agora_reaction_slot(member_id) as slot from reaction) r
                where not exists (select 1 from article_reaction_tally_slot s
                                  where s.article_id = r.article_id and s.kind = r.kind and s.slot = r.slot)"""))
                .as("reactions not counted in any slot").isZero();
    }

    /** The tally as the app reads it. */
    private Map<String, Integer> tally() {
        Map<String, Integer> out = new LinkedHashMap<>();
        reactions.summary(articleId(), Viewer.ANONYMOUS).counts().forEach(c -> out.put(c.kind(), c.count()));
        return out;
    }

    private Map<String, Integer> rowsByKind() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String kind : KINDS) {
            out.put(kind, number("select count(*) from reaction where article_id = " + articleId() + " and kind = '" + kind + "'"));
        }
        return out;
    }

    private Map<String, Integer> slots() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select kind || ' slot ' || slot, count from article_reaction_tally_slot where article_id = :a")
                    .setParameter("a", articleId()).getResultList();
            Map<String, Integer> out = new LinkedHashMap<>();
            rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).intValue()));
            return out;
        });
    }

    private int number(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).intValue());
    }

    private long articleId() {
        return number("select id from article where slug = '" + Api.SEED_SLUG + "'");
    }
}
