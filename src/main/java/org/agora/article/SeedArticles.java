package org.agora.article;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.agora.AgoraConfig;
import org.jboss.logging.Logger;

/** Posts the seed articles at start when they are missing; posting is idempotent, so restarts add nothing. */
@ApplicationScoped
public class SeedArticles {

    private static final Logger LOG = Logger.getLogger(SeedArticles.class);

    @Inject
    AgoraConfig config;

    @Inject
    ArticleService articles;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        for (String resource : config.seed().articles()) {
            long id = articles.post(read(resource));
            LOG.infof("Seed article %s is posted (id %d)", resource, id);
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
