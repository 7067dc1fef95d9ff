package org.agora.i18n;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Gives every template instance the request's language, so {@code {msg:…}} speaks it. Without it Quarkus would use
 * only Accept-Language and ignore the visitor's remembered choice. Quarkus 3.33 does not pick up initializer beans
 * by itself, so this one registers with the engine as it is built.
 */
@Singleton
public class LocaleInitializer implements TemplateInstance.Initializer {

    @Inject
    CurrentLanguage current;

    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        if (Arc.container().requestContext().isActive()) {
            instance.setLocale(current.locale());
        }
    }
}
