package org.agora.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.agora.moderation.AuditLog;
import org.agora.moderation.ModActionKind;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * Tutors and admins import articles from text (pasted, or a .txt/.md file), preview what the importer detects, correct
 * the text and preview again, save it as a draft, then publish, unpublish (back to draft) or archive it. Every step
 * that changes something is audited.
 */
@ApplicationScoped
public class ArticleManagement {

    /** An uploaded file or pasted text larger than this is not an article. */
    public static final int MAX_TEXT = 200_000;

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    ArticleService articles;

    @Inject
    AuditLog audit;

    private final ArticleImporter importer = new ArticleImporter();

    /** What the importer makes of the text, and whether its slug is already taken. */
    public record Preview(String text, ImportedArticle article, boolean slugTaken) {
    }

    @Transactional
    public List<Article> all(Viewer viewer) {
        guardian.ensureCanManageArticles(viewer);
        return Article.all();
    }

    /** Parses without saving; a text the importer can't read is a 400 saying why. */
    @Transactional
    public Preview preview(Viewer viewer, String text) {
        guardian.ensureCanManageArticles(viewer);
        ImportedArticle imported = parse(text);
        return new Preview(text, imported, Article.findBySlug(imported.slug()).isPresent());
    }

    /** Saves the text as a draft article; 409 when an article with the same title (slug) exists. */
    @Transactional
    public Article createDraft(Viewer viewer, String text) {
        guardian.ensureCanManageArticles(viewer);
        ImportedArticle imported = parse(text);
        if (Article.findBySlug(imported.slug()).isPresent()) {
            throw AppException.conflict("An article called \"" + imported.title() + "\" already exists (/articles/" + imported.slug() + ").")
                    .localized(m -> org.agora.i18n.Languages.refusals(m).importExists(imported.title()));
        }
        long id = articles.post(text, Article.DRAFT);
        Article article = Article.findById(id);
        if (!Article.DRAFT.equals(article.status)) {
            throw AppException.conflict("An article called \"" + imported.title() + "\" already exists.")
                    .localized(m -> org.agora.i18n.Languages.refusals(m).importExists(imported.title()));
        }
        audit.record(viewer, ModActionKind.IMPORT_ARTICLE, AuditLog.Target.ARTICLE, article.slug, null, null, null,
                AuditLog.json("status", article.status, "questions", imported.questions().size()));
        return article;
    }

    /** Publishes, unpublishes ({@code draft}) or archives an article. Idempotent. */
    @Transactional
    public Article setStatus(Viewer viewer, String slug, String status) {
        guardian.ensureCanManageArticles(viewer);
        if (status == null || !List.of(Article.DRAFT, Article.PUBLISHED, Article.ARCHIVED).contains(status)) {
            throw AppException.invalid("status", "The status must be draft, published or archived.").localized(m -> org.agora.i18n.Languages.refusals(m).importStatus());
        }
        Article article = Article.<Article>find("slug", slug).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> AppException.notFound("article"));
        String before = article.status;
        if (!before.equals(status)) {
            article.status = status;
            ModActionKind kind = switch (status) {
                case Article.PUBLISHED -> ModActionKind.PUBLISH_ARTICLE;
                case Article.DRAFT -> ModActionKind.UNPUBLISH_ARTICLE;
                default -> ModActionKind.ARCHIVE_ARTICLE;
            };
            audit.record(viewer, kind, AuditLog.Target.ARTICLE, article.slug, null, null,
                    AuditLog.json("status", before), AuditLog.json("status", status));
        }
        return article;
    }

    private ImportedArticle parse(String text) {
        if (text == null || text.isBlank()) {
            throw AppException.invalid("text", "Paste the article's text or choose a .txt or .md file.").localized(m -> org.agora.i18n.Languages.refusals(m).importEmpty());
        }
        if (text.length() > MAX_TEXT) {
            throw AppException.invalid("text", "An article is limited to " + MAX_TEXT + " characters.").localized(m -> org.agora.i18n.Languages.refusals(m).importTooLong(MAX_TEXT));
        }
        try {
            return importer.parse(text);
        } catch (ArticleFormatException e) {
            throw AppException.invalid("text", e.getMessage());
        }
    }
}
