package org.agora.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.agora.comment.CommentService;
import org.agora.comment.PublicComments;
import org.agora.web.AppException;

/**
 * PostgreSQL full-text search over articles (title and standfirst), questions (label and text) and comments, with
 * English stemming, ranked by {@code ts_rank}. Only public content is searched, for everyone: published comments in
 * visible questions ({@link PublicComments}), so nothing held, rejected, removed, deleted or hidden can leak through a
 * result or a snippet. Each expression matches an expression index of V4__community.sql.
 */
@ApplicationScoped
public class SearchService {

    public static final int MAX_QUERY = 200;
    public static final int PAGE = 20;

    // ts_headline marks matches with these two control characters, which cannot come from the text itself (they are
    // removed from it first); after HTML-escaping the snippet they become <mark> and </mark>.
    private static final char START = '\u0001';
    private static final char STOP = '\u0002';
    private static final String STRIP = "translate(%s, chr(1) || chr(2), '')";

    public enum Type { ARTICLE, QUESTION, COMMENT }

    /** One result. {@code snippetHtml} is escaped text with the matched words in {@code <mark>}. */
    public record Hit(String type, long id, String title, String link, String snippetHtml, String author, Instant createdAt) {
    }

    public record Query(String q, String article, String author, LocalDate from, LocalDate to, int page) {
    }

    @Inject
    EntityManager em;

    /** Parses and checks the search form or API parameters; a 400 names the field at fault. */
    public Query query(String q, String article, String author, String from, String to, String page) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw AppException.invalid("q", "Type something to search for.").localized(m -> org.agora.i18n.Languages.refusals(m).searchEmpty());
        }
        if (text.length() > MAX_QUERY) {
            throw AppException.invalid("q", "A search is limited to " + MAX_QUERY + " characters.").localized(m -> org.agora.i18n.Languages.refusals(m).searchTooLong(MAX_QUERY));
        }
        if (text.indexOf('\0') >= 0) {
            throw AppException.invalid("q", "The search contains characters that can't be searched for.").localized(m -> org.agora.i18n.Languages.refusals(m).searchCharacters());
        }
        int pageNumber = 1;
        if (page != null && !page.isBlank()) {
            try {
                pageNumber = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                pageNumber = 0;
            }
            if (pageNumber < 1 || pageNumber > 50) {
                throw AppException.invalid("page", "The page must be a number from 1 to 50.").localized(m -> org.agora.i18n.Languages.refusals(m).searchPage());
            }
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw AppException.invalid("to", "The end date is before the start date.").localized(m -> org.agora.i18n.Languages.refusals(m).searchDates());
        }
        return new Query(text, blankToNull(article), blankToNull(author), fromDate, toDate, pageNumber);
    }

    /** The page of results, best first: at most three statements' worth of work in one. */
    @Transactional
    public List<Hit> search(Query query) {
        String articleText = "a.title || ' ' || coalesce(a.standfirst, '')";
        String questionText = "q.label || ' ' || q.text";
        String filters = """
                 and (cast(:article as varchar) is null or a.slug = cast(:article as varchar))
                 and (cast(:from as timestamptz) is null or %1$s >= cast(:from as timestamptz))
                 and (cast(:to as timestamptz) is null or %1$s < cast(:to as timestamptz))""";
        String sql = """
                with query as (select websearch_to_tsquery('english', :q) as tsq)
                select hits.type, hits.id, hits.title, hits.link, hits.author, hits.at,
                       ts_headline('english', hits.text, query.tsq,
                                   'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')
                from query, (
                    select 'article' as type, a.id, a.title, '/articles/' || a.slug as link, cast(null as varchar) as author,
                           a.published_at as at, %1$s as text,
                           ts_rank(to_tsvector('english', %2$s), query.tsq) as rank
                    from article a, query
                    where to_tsvector('english', %2$s) @@ query.tsq and %11$s and cast(:author as varchar) is null %3$s
                    union all
                    select 'question', q.id, q.label, '/articles/' || a.slug || '/questions/' || q.id, null,
                           a.published_at, %4$s,
                           ts_rank(to_tsvector('english', %5$s), query.tsq)
                    from question q join article a on a.id = q.article_id, query
                    where to_tsvector('english', %5$s) @@ query.tsq and %6$s and cast(:author as varchar) is null %7$s
                    union all
                    select 'comment', c.id, q.label, '/articles/' || a.slug || '/questions/' || q.id || '#c-' || c.id, m.username,
                           c.created_at, %8$s,
                           ts_rank(to_tsvector('english', c.body), query.tsq)
                    from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
                         join member m on m.id = c.author_id, query
                    where to_tsvector('english', c.body) @@ query.tsq and %9$s and m.deleted_at is null
                      and (cast(:author as varchar) is null or lower(m.username) = lower(cast(:author as varchar))) %10$s
                    order by rank desc, at desc, id desc
                    limit :limit offset :offset
                ) hits
                order by hits.rank desc, hits.at desc, hits.id desc""".formatted(
                STRIP.formatted(articleText), articleText, filters.formatted("a.published_at"),
                STRIP.formatted(questionText), questionText, PublicComments.QUESTION, filters.formatted("a.published_at"),
                STRIP.formatted("c.body"), PublicComments.COMMENT, filters.formatted("c.created_at"), PublicComments.ARTICLE);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql)
                .setParameter("q", query.q())
                .setParameter("article", query.article())
                .setParameter("author", query.author())
                .setParameter("from", query.from() == null ? null : query.from().atStartOfDay().toInstant(ZoneOffset.UTC))
                .setParameter("to", query.to() == null ? null : query.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .setParameter("limit", PAGE)
                .setParameter("offset", (query.page() - 1) * PAGE)
                .getResultList();
        return rows.stream().map(r -> new Hit((String) r[0], ((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                snippetHtml((String) r[6]), (String) r[4], CommentService.toInstant(r[5]))).toList();
    }

    /** The articles a search can be narrowed to, newest first. */
    @Transactional
    public List<org.agora.article.Article> articles() {
        return org.agora.article.Article.newestFirst();
    }

    /** Escapes the headline for HTML, then turns the match markers into {@code <mark>} elements. */
    static String snippetHtml(String headline) {
        StringBuilder html = new StringBuilder(headline.length() + 32);
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                case START -> html.append("<mark>");
                case STOP -> html.append("</mark>");
                default -> html.append(c);
            }
        }
        return html.toString();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw AppException.invalid(field, "Dates are written like 2026-03-31.").localized(m -> org.agora.i18n.Languages.refusals(m).searchDateFormat());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
