package org.agora.reaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.agora.article.Article;
import org.agora.member.MemberLocks;
import org.agora.moderation.RateAction;
import org.agora.moderation.RateLimiter;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.ops.AgoraMetrics;
import org.agora.ops.DirectSql;
import org.agora.web.AppException;
import org.agora.web.PageCache;

/**
 * One reaction per person per article, changeable and withdrawable. The unique key on (article, member)
 * guarantees it; the per-kind counters change in the same transaction, so the tally always equals the rows. Each
 * counter is split into 32 slots by member (migrations/V11), so that reactions to one article rarely wait for each
 * other; readers sum the slots.
 */
@ApplicationScoped
public class ReactionService {

    /**
     * Adds one to the count of kind :k of article :a in member :m's slot, creating the slot's row on its first
     * reaction. (Only for +1: PostgreSQL checks a proposed row's constraints before it looks for a conflict, so a
     * proposed -1 would fail the check even where the row exists.)
     */
    private static final String INCREMENT_SLOT = """
            insert into article_reaction_tally_slot as s (article_id, kind, slot, count)
            values (:a, :k, agora_reaction_slot(:m), 1)
            on conflict (article_id, kind, slot) do update set count = s.count + 1""";

    /** Takes one off the count of kind :k of article :a in member :m's slot, where their reaction was counted. */
    private static final String DECREMENT_SLOT = """
            update article_reaction_tally_slot set count = count - 1
            where article_id = :a and kind = :k and slot = agora_reaction_slot(:m)""";

    /** From the widget's kinds of article :a with their slots, one row per kind in the widget's order. */
    private static final String TALLY_BY_KIND = """
            from article_reaction_tally t
            left join article_reaction_tally_slot s on s.article_id = t.article_id and s.kind = t.kind
            where t.article_id = :a group by t.kind, t.position order by t.position""";

    @Inject
    EntityManager em;

    /** The statements of a reaction change, the hot path (issue 7): on the transaction's connection, without Hibernate. */
    @Inject
    DirectSql sql;

    @Inject
    Guardian guardian;

    @Inject
    MemberLocks memberLocks;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AgoraMetrics metrics;

    @Inject
    PageCache pageCache;

    /**
     * One transaction (bench/README.md "Exact and fast tallies"): the article, whether it offers the kind with the
     * member's row locked and the rate-limit count in one statement, the reaction written with the previous one read in the same
     * statement, then the tally — last, in the member's slot of each changed kind (migrations/V11), so that a slot row,
     * which the other members of that slot share, stays locked only for one more round trip and the commit. The
     * summary comes back from that last statement.
     */
    @Transactional
    public ReactionSummary react(Viewer viewer, String slug, String kindName) {
        guardian.ensureCanReact(viewer);
        ReactionKind kind = ReactionKind.parse(kindName);
        Article article = Article.findBySlug(slug).filter(a -> guardian.canSeeArticle(viewer, a))
                .orElseThrow(() -> AppException.notFound("article"));
        ensureOfferedLockingTheMemberAndCounting(article.id, kind, viewer);
        // the member's row lock (taken above, in an earlier statement) means none of their reactions is in flight:
        // this statement's snapshot holds their latest one
        String before = (String) sql.query("""
                        with previous as (select kind from reaction where article_id = :a and member_id = :m),
                        reacted as (insert into reaction (article_id, member_id, kind) values (:a, :m, :k)
                                    on conflict (article_id, member_id) do update set kind = excluded.kind, created_at = now()
                                    where reaction.kind <> excluded.kind)
                        select coalesce((select kind from previous), '')""")
                .with("a", article.id).with("m", viewer.memberId()).with("k", kind.db())
                .rows().get(0)[0];
        String previous = before.isEmpty() ? null : before;
        if (kind.db().equals(previous)) {
            return summary(article.id, viewer);
        }
        metrics.reactionChanged(kind.db());
        pageCache.articlePageChangesOnCommit(article.id);
        long member = viewer.memberId();
        if (previous == null) {
            return tallyAndSummary(article.id, member, kind.db(), +1, kind.db());
        }
        // Two slot rows change, both in the member's slot. Take them in one fixed order (by kind), or two members of
        // one slot changing in opposite directions at once (like -> love, love -> like) each hold one row and wait
        // for the other: deadlock. Account deletion takes its slot rows in the same order.
        if (previous.compareTo(kind.db()) < 0) {
            adjustTally(article.id, member, previous, -1);
            return tallyAndSummary(article.id, member, kind.db(), +1, kind.db());
        }
        adjustTally(article.id, member, kind.db(), +1);
        return tallyAndSummary(article.id, member, previous, -1, kind.db());
    }

    @Transactional
    public ReactionSummary withdraw(Viewer viewer, String slug) {
        guardian.ensureCanReact(viewer);
        Article article = Article.findBySlug(slug).filter(a -> guardian.canSeeArticle(viewer, a))
                .orElseThrow(() -> AppException.notFound("article"));
        // the member's row first, then their rate-limit row: the order react() and account deletion take them in
        memberLocks.lock(viewer.memberId());
        rateLimiter.check(viewer, RateAction.REACTION);
        @SuppressWarnings("unchecked")
        List<String> removed = em.createNativeQuery(
                        "delete from reaction where article_id = :a and member_id = :m returning kind")
                .setParameter("a", article.id).setParameter("m", viewer.memberId())
                .getResultList();
        if (removed.isEmpty()) {
            return summary(article.id, viewer);
        }
        metrics.reactionChanged("none");
        pageCache.articlePageChangesOnCommit(article.id);
        return tallyAndSummary(article.id, viewer.memberId(), removed.get(0), -1, null);
    }

    /**
     * The tally of an article, in the widget's order, with exact counts and percentages that add up to 100: each
     * kind's count is the sum of its slots (migrations/V11), one grouped statement.
     */
    @Transactional
    public ReactionSummary summary(long articleId, Viewer viewer) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.kind, coalesce(sum(s.count), 0) " + TALLY_BY_KIND)
                .setParameter("a", articleId)
                .getResultList();
        return summaryOf(rows, viewer.signedIn() ? currentReaction(articleId, viewer.memberId()) : null);
    }

    /** Rows of (kind, count) in the widget's order, with percentages that add up to 100. */
    private static ReactionSummary summaryOf(List<Object[]> rows, String mine) {
        List<String> kinds = new ArrayList<>();
        int[] counts = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            kinds.add((String) rows.get(i)[0]);
            counts[i] = ((Number) rows.get(i)[1]).intValue();
        }
        int[] percents = Percentages.largestRemainder(counts);
        List<ReactionSummary.Count> result = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < counts.length; i++) {
            total += counts[i];
            result.add(new ReactionSummary.Count(kinds.get(i), counts[i], percents[i], kinds.get(i).equals(mine)));
        }
        return new ReactionSummary(List.copyOf(result), total, mine);
    }

    /**
     * The article's tally among one seminar's current members: the same reactions as the overall tally, counted for
     * that audience only (reactions belong to the article, so a member's reaction counts in both).
     */
    @Transactional
    public ReactionSummary seminarSummary(long articleId, long seminarId, Viewer viewer) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select t.kind, count(r.member_id) from article_reaction_tally t
                        left join reaction r on r.article_id = t.article_id and r.kind = t.kind
                             and r.member_id in (select member_id from seminar_member where seminar_id = :s and removed_at is null)
                        where t.article_id = :a group by t.kind, t.position order by t.position""")
                .setParameter("a", articleId).setParameter("s", seminarId)
                .getResultList();
        String mine = viewer.signedIn() ? currentReaction(articleId, viewer.memberId()) : null;
        int[] counts = rows.stream().mapToInt(r -> ((Number) r[1]).intValue()).toArray();
        int[] percents = Percentages.largestRemainder(counts);
        List<ReactionSummary.Count> result = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < counts.length; i++) {
            String kind = (String) rows.get(i)[0];
            total += counts[i];
            result.add(new ReactionSummary.Count(kind, counts[i], percents[i], kind.equals(mine)));
        }
        return new ReactionSummary(List.copyOf(result), total, mine);
    }

    /**
     * 400 unless the article's widget offers the kind; in the same statement, locks the member's row until the
     * commit and then (the order account deletion takes them in) counts the reaction against their rate limit,
     * 429 when over it. A refusal rolls the count back with the transaction.
     */
    private void ensureOfferedLockingTheMemberAndCounting(long articleId, ReactionKind kind, Viewer viewer) {
        RateLimiter.Limit limit = rateLimiter.limitFor(viewer, RateAction.REACTION);
        String reactor = "with reactor as materialized (select id from member where id = :m for no key update)";
        DirectSql.Query query = sql.query(limit == null
                        ? reactor + " select null, null from article_reaction_tally t join reactor on true"
                                + " where t.article_id = :a and t.kind = :k"
                        : reactor + ", " + RateLimiter.countingCte("reactor")
                                + " select counted.count, counted.seconds_left from article_reaction_tally t"
                                + " join reactor on true join counted on true where t.article_id = :a and t.kind = :k")
                .with("a", articleId).with("k", kind.db()).with("m", viewer.memberId());
        if (limit != null) {
            query.with("rateAction", limit.action().db()).with("rateWindow", limit.seconds());
        }
        List<Object[]> rows = query.rows();
        if (rows.isEmpty()) {
            throw AppException.invalid("kind", "This article doesn't offer the reaction '" + kind.db() + "'.");
        }
        if (limit != null) {
            rateLimiter.enforce(limit, rows.get(0)[0], rows.get(0)[1]);
        }
    }

    private String currentReaction(long articleId, long memberId) {
        @SuppressWarnings("unchecked")
        List<String> kinds = em.createNativeQuery("select kind from reaction where article_id = :a and member_id = :m")
                .setParameter("a", articleId).setParameter("m", memberId)
                .getResultList();
        return kinds.isEmpty() ? null : kinds.get(0);
    }

    /**
     * The last tally change of a reaction, and the article's summary read in the same statement: the sums of the slots
     * as of the statement's start (including this transaction's own earlier change), plus this change.
     */
    private ReactionSummary tallyAndSummary(long articleId, long memberId, String kind, int delta, String mine) {
        List<Object[]> rows = sql.query("with changed as (" + slotChange(delta) + " returning 1)"
                        + " select t.kind, coalesce(sum(s.count), 0) + case when t.kind = :k then :d else 0 end,"
                        + " (select count(*) from changed) " + TALLY_BY_KIND)
                .with("d", delta).with("a", articleId).with("k", kind).with("m", memberId)
                .rows();
        ensureOneSlotChanged(((Number) rows.get(0)[2]).intValue(), articleId, kind);
        return summaryOf(rows, mine);
    }

    private void adjustTally(long articleId, long memberId, String kind, int delta) {
        int changed = sql.query(slotChange(delta))
                .with("a", articleId).with("k", kind).with("m", memberId)
                .update();
        ensureOneSlotChanged(changed, articleId, kind);
    }

    private static String slotChange(int delta) {
        return switch (delta) {
            case 1 -> INCREMENT_SLOT;
            case -1 -> DECREMENT_SLOT;
            default -> throw new IllegalArgumentException("a reaction changes a count by one, not " + delta);
        };
    }

    /**
     * A decrement that finds no row means the member's reaction was not counted in their slot: fail (and roll back)
     * rather than let the tally drift from the rows.
     */
    private static void ensureOneSlotChanged(int changed, long articleId, String kind) {
        if (changed != 1) {
            throw new IllegalStateException("the reaction tally of article " + articleId + ", kind " + kind
                    + ", has no row for this member's slot (" + changed + " changed)");
        }
    }
}
