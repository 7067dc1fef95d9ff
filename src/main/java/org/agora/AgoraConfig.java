package org.agora;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Agora's own configuration keys (all under {@code agora.}); each has a default that works locally. */
@ConfigMapping(prefix = "agora")
public interface AgoraConfig {

    Seed seed();

    interface Seed {
        /** Post the seed articles at start when they are missing ({@code AGORA_SEED_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** Classpath resources, in the plain article format, to post at start ({@code AGORA_SEED_ARTICLES}). */
        @WithDefault("seed/why-is-nato-expanding-its-reach-to-the-asia-pacific-region.txt")
        List<String> articles();
    }
}
