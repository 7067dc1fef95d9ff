package org.agora.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.agora.AgoraConfig;
import org.agora.article.Article;
import org.agora.comment.CommentService;
import org.agora.comment.PublicComments;
import org.agora.member.Member;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * Atom feeds (RFC 4287) of an article's or a question's newest public comments. The XML is written by StAX, which
 * escapes every text and attribute; comment bodies go in as already-sanitised HTML inside {@code type="html"}.
 * Feeds are public: they show what a visitor sees, whoever asks.
 */
@ApplicationScoped
public class FeedService {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int ENTRIES = 50;

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AgoraConfig config;

    private record Entry(long id, String author, String bodyHtml, Instant published, Instant updated, String questionLabel,
            String path) {
    }

    @Transactional
    public String articleFeed(String slug) {
        Article article = Article.findBySlug(slug).filter(a -> guardian.canSeeArticle(Viewer.ANONYMOUS, a))
                .orElseThrow(() -> AppException.notFound("article"));
        List<Entry> entries = entries("q.article_id = :scope", article.id);
        String path = "/articles/" + article.slug;
        return write(article.title, path, path + "/feed.atom", article.publishedAt, entries);
    }

    @Transactional
    public String questionFeed(String slug, long questionId) {
        Question question = Question.<Question>findByIdOptional(questionId)
                .filter(q -> guardian.canSeeQuestion(Viewer.ANONYMOUS, q))
                .orElseThrow(() -> AppException.notFound("question"));
        Article article = Article.<Article>findByIdOptional(question.articleId).filter(a -> a.slug.equals(slug))
                .orElseThrow(() -> AppException.notFound("question"));
        List<Entry> entries = entries("q.id = :scope", questionId);
        String path = "/articles/" + article.slug + "/questions/" + question.id;
        return write(question.text + " · " + article.title, path, path + "/feed.atom", article.publishedAt, entries);
    }

    private List<Entry> entries(String scope, long scopeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select c.id, case when m.deleted_at is null then m.username else :deleted end, c.body_html,
                               c.created_at, coalesce(c.edited_at, c.created_at), q.label, a.slug, q.id
                        from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
                        join member m on m.id = c.author_id
                        where\s""" + scope + " and " + PublicComments.COMMENT + """
                         order by c.created_at desc, c.id desc limit :n""")
                .setParameter("scope", scopeId).setParameter("deleted", Member.DELETED_NAME).setParameter("n", ENTRIES)
                .getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                CommentService.toInstant(r[3]), CommentService.toInstant(r[4]), (String) r[5],
                "/articles/" + r[6] + "/questions/" + r[7] + "#c-" + r[0])).toList();
    }

    private String write(String title, String alternatePath, String selfPath, Instant fallbackUpdated, List<Entry> entries) {
        String base = config.publicUrl();
        Instant updated = entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(fallbackUpdated);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", base + selfPath);
            text(xml, "title", title);
            text(xml, "updated", time(updated));
            link(xml, "self", base + selfPath, "application/atom+xml");
            link(xml, "alternate", base + alternatePath, "text/html");
            xml.writeStartElement("author");
            text(xml, "name", "Agora");
            xml.writeEndElement();
            text(xml, "generator", "Agora");
            for (Entry e : entries) {
                xml.writeStartElement("entry");
                text(xml, "id", base + e.path());
                text(xml, "title", e.author() + " on “" + e.questionLabel() + "”");
                text(xml, "published", time(e.published()));
                text(xml, "updated", time(e.updated()));
                link(xml, "alternate", base + e.path(), "text/html");
                xml.writeStartElement("author");
                text(xml, "name", e.author());
                xml.writeEndElement();
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                xml.writeCharacters(e.bodyHtml());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the feed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
