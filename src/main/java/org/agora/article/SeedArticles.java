package org.agora.article;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.agora.AgoraConfig;
import org.jboss.logging.Logger;

/**
 * Posts the seed articles at start when they are missing; posting is idempotent, so restarts add nothing.
 *
 * <p>This runs before the replica is ready, at every start, and nearly always finds the articles there. So it first
 * asks for the slug with one plain JDBC statement, and only when that finds nothing does it post through
 * {@link ArticleService} (which parses the article and checks again, in a transaction). The full path used to cost
 * every start 0.1-0.2 s of the main thread's CPU (the first transaction, Hibernate session and native query, and
 * the article parser) before the replica could be ready (bench/README.md "Start-up").
 */
@ApplicationScoped
public class SeedArticles {

    private static final Logger LOG = Logger.getLogger(SeedArticles.class);

    @Inject
    AgoraConfig config;

    @Inject
    ArticleService articles;

    @Inject
    AgroalDataSource dataSource;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        for (String resource : config.seed().articles()) {
            String text = read(resource);
            OptionalLong present = idOfSlug(slugOf(text));
            if (present.isPresent()) {
                LOG.infof("Seed article %s is present (id %d)", resource, present.getAsLong());
                continue;
            }
            long id = articles.post(text);
            LOG.infof("Seed article %s is posted (id %d)", resource, id);
        }
    }

    /**
     * The slug {@link ArticleImporter} gives the article: its first non-blank line (the title), slugified. Only a
     * shortcut: if it ever differed, the article would be looked for under the wrong slug and posted through the full
     * path, which finds it by its real slug and adds nothing ({@code SeedArticlesTest} checks that the two agree).
     */
    static String slugOf(String text) {
        String title = text.lines().map(line -> line.replace("\uFEFF", "").strip()).filter(line -> !line.isEmpty())
                .findFirst().orElse("");
        return Slugs.slugify(title);
    }

    private OptionalLong idOfSlug(String slug) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select id from article where slug = ?")) {
            select.setString(1, slug);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for the seed article " + slug, e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Seed article not found on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
