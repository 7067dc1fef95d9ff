package org.agora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Expression;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.ResolutionContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.agora.seminar.SeminarMsg;
import org.agora.testing.AgoraStack;
import org.junit.jupiter.api.Test;

/**
 * {@link CachedMessages} answers exactly what the bundles answer: for every parameterless message (found by
 * reflection, so new ones are covered), in every shipped language, and for every way a template can carry its
 * language, its answer is Quarkus's generated resolver's; everything else still reaches that resolver.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class CachedMessagesTest {

    record Namespace(String name, Class<?> bundle) {
    }

    static final List<Namespace> CACHED = List.of(new Namespace("msg", Msg.class), new Namespace("sem", SeminarMsg.class));

    @Inject
    Engine engine;

    @Test
    void everyParameterlessMessageRendersAsTheBundleSaysInEveryLanguage() throws Exception {
        for (Namespace namespace : CACHED) {
            Method[] methods = CachedMessages.cacheable(namespace.bundle());
            assertThat(methods.length).as("parameterless messages of %s", namespace.name()).isGreaterThan(50);
            String template = Arrays.stream(methods).map(m -> "{" + namespace.name() + ":" + m.getName() + "}")
                    .collect(Collectors.joining("\n"));
            for (Languages.Language language : Languages.SHIPPED) {
                Object bundle = bundle(namespace.bundle(), language.tag());
                List<String> expected = new ArrayList<>();
                for (Method method : methods) {
                    expected.add((String) method.invoke(bundle));
                }
                String rendered = outsideARequest(() -> engine.parse(template).instance().setLocale(language.locale()).render());
                assertThat(rendered).as("%s in %s", namespace.name(), language.tag()).isEqualTo(String.join("\n", expected));
            }
        }
    }

    @Test
    void theCacheAnswersWhatQuarkusWouldForEveryWayOfGivingTheLanguage() {
        Map<String, Object> hits = new HashMap<>();
        hits.put("Locale en", Locale.ENGLISH);
        hits.put("Locale de", Locale.GERMAN);
        hits.put("Locale de-AT (by its language)", Locale.forLanguageTag("de-AT"));
        hits.put("Locale en-GB (by its language)", Locale.UK);
        hits.put("String de", "de");
        hits.put("String en", "en");
        hits.put("no locale", null);
        hits.put("variant de", new Variant(Locale.GERMAN, "text/html", "UTF-8"));
        hits.put("variant without locale", new Variant(null, "text/html", "UTF-8"));
        Map<String, Object> misses = Map.of("Locale fr", Locale.FRENCH, "String de-AT", "de-AT", "Locale root", Locale.ROOT);
        for (Namespace namespace : CACHED) {
            NamespaceResolver cached = resolvers(namespace.name(), true);
            NamespaceResolver generated = resolvers(namespace.name(), false);
            assertThat(cached.getPriority()).as("the cache is asked first").isGreaterThan(generated.getPriority());
            for (Method method : CachedMessages.cacheable(namespace.bundle())) {
                for (Map.Entry<String, Object> given : hits.entrySet()) {
                    EvalContext context = context(method.getName(), given.getValue());
                    Object answer = value(cached.resolve(context));
                    assertThat(answer).as("%s:%s, %s", namespace.name(), method.getName(), given.getKey())
                            .isEqualTo(value(generated.resolve(context)));
                }
                for (Map.Entry<String, Object> given : misses.entrySet()) {
                    // Quarkus falls back to English; the cache leaves such languages to it rather than guess
                    assertThat(Results.isNotFound(value(cached.resolve(context(method.getName(), given.getValue())))))
                            .as("%s:%s, %s", namespace.name(), method.getName(), given.getKey()).isTrue();
                }
            }
            for (String other : List.of("noSuchMessage", "message", "answers_count")) {
                assertThat(Results.isNotFound(value(cached.resolve(context(other, Locale.GERMAN))))).as(other).isTrue();
            }
        }
    }

    @Test
    void messagesWithParametersAndDynamicKeysStillGoThroughTheBundle() {
        Msg german = bundle(Msg.class, "de");
        String rendered = outsideARequest(() -> engine.parse("{msg:answers_count(n)}|{msg:message(key)}|{msg:thread_pageOf(2, 7, n)}")
                .instance().data("n", 2).data("key", "layout_signOut").setLocale(Locale.GERMAN).render());
        assertThat(rendered).isEqualTo(outsideARequest(
                () -> german.answers_count(2) + "|" + german.layout_signOut() + "|" + german.thread_pageOf(2, 7, 2)));
        assertThat(rendered).startsWith("2 Antworten|");
    }

    /**
     * The cache keeps the first text a parameterless message gives. That is exact because Quarkus compiles a message
     * without an expression to a constant; one with an expression but no parameter could depend on the request.
     */
    @Test
    void parameterlessMessagesArePlainText() throws IOException {
        for (Namespace namespace : CACHED) {
            for (Languages.Language language : Languages.SHIPPED) {
                String file = "/messages/" + namespace.name()
                        + (language.equals(Languages.DEFAULT) ? "" : "_" + language.tag()) + ".properties";
                Properties texts = new Properties();
                try (InputStream in = getClass().getResourceAsStream(file)) {
                    assertThat(in).as(file).isNotNull();
                    texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                for (Method method : CachedMessages.cacheable(namespace.bundle())) {
                    assertThat(texts.getProperty(method.getName())).as("%s in %s (see CachedMessages)", method.getName(), file)
                            .isNotNull().doesNotContain("}");
                }
            }
        }
    }

    /**
     * A test method runs in an active request context, where {@link LocaleInitializer} would ask for the HTTP request
     * behind it; on a thread of its own the template keeps the language the test gives it.
     */
    private static String outsideARequest(Supplier<String> render) {
        return CompletableFuture.supplyAsync(render, task -> new Thread(task).start()).join();
    }

    private static <T> T bundle(Class<T> bundle, String tag) {
        return tag.equals(Languages.DEFAULT.tag()) ? MessageBundles.get(bundle) : MessageBundles.get(bundle, Localized.Literal.of(tag));
    }

    private NamespaceResolver resolvers(String namespace, boolean cached) {
        List<NamespaceResolver> found = engine.getNamespaceResolvers().stream()
                .filter(r -> r.getNamespace().equals(namespace) && (r instanceof CachedMessages.Bundle) == cached).toList();
        assertThat(found).as("%s resolvers for %s", cached ? "cached" : "generated", namespace).hasSize(1);
        return found.get(0);
    }

    private static Object value(CompletionStage<Object> stage) {
        return stage.toCompletableFuture().join();
    }

    /** What a template gives a resolver for {@code {ns:name}}: the name, no parameters, the instance's attributes. */
    private static EvalContext context(String name, Object localeOrVariant) {
        Map<String, Object> attributes = new HashMap<>();
        if (localeOrVariant instanceof Variant) {
            attributes.put(TemplateInstance.SELECTED_VARIANT, localeOrVariant);
        } else if (localeOrVariant != null) {
            attributes.put(TemplateInstance.LOCALE, localeOrVariant);
        }
        return new EvalContext() {
            @Override
            public Object getBase() {
                return null;
            }

            @Override
            public String getName() {
                return name;
            }

            @Override
            public List<Expression> getParams() {
                return Collections.emptyList();
            }

            @Override
            public CompletionStage<Object> evaluate(String expression) {
                throw new UnsupportedOperationException(expression);
            }

            @Override
            public CompletionStage<Object> evaluate(Expression expression) {
                throw new UnsupportedOperationException(expression.toOriginalString());
            }

            @Override
            public Object getAttribute(String key) {
                return attributes.get(key);
            }

            @Override
            public ResolutionContext resolutionContext() {
                return null;
            }
        };
    }
}
