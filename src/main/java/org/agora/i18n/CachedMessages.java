package org.agora.i18n;

import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.Results;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.agora.seminar.SeminarMsg;

/**
 * Answers the parameterless {@code {msg:…}} and {@code {sem:…}} expressions of templates from a table per language.
 * Why: the resolver Quarkus 3.33 generates for a message bundle compares the name with each of the bundle's keys in
 * turn ({@code String.equals}, ~190 keys in {@link Msg}); a signed-in thread page evaluates ~56 of them, and JFR of
 * that page under load put 11.7 % of all CPU samples in {@code Msg_Bundle.resolve}. This resolver has a higher
 * priority than the generated one and answers with one hash lookup. Anything else (a message with parameters, the
 * dynamic {@code message(key)}, an unknown name, a language Agora doesn't ship) gets {@code NotFound}, so Quarkus's
 * resolver handles it as before; names are still checked against the bundle interface at build time.
 * <p>
 * The language is chosen exactly as {@code MessageBundles}' resolver does: the {@code locale} attribute of the
 * template instance (a {@link Locale} by its tag, then its language; a String as is), else the selected variant's
 * locale, else the default bundle. A text is what the bundle bean of that language returns, fetched once: Quarkus
 * compiles a parameterless message to a constant ({@code CachedMessagesTest} checks both).
 */
@Singleton
public class CachedMessages {

    void register(@Observes EngineBuilder builder) {
        builder.addNamespaceResolver(new Bundle("msg", Msg.class));
        builder.addNamespaceResolver(new Bundle("sem", SeminarMsg.class));
    }

    /** The cached namespace of one message bundle interface. */
    static final class Bundle implements NamespaceResolver {

        private final String namespace;
        private final Class<?> bundle;
        private final Set<String> shippedTags = Languages.SHIPPED.stream().map(Languages.Language::tag)
                .collect(Collectors.toUnmodifiableSet());
        private final Map<String, Map<String, String>> textsByTag = new ConcurrentHashMap<>();

        Bundle(String namespace, Class<?> bundle) {
            this.namespace = namespace;
            this.bundle = bundle;
        }

        @Override
        public String getNamespace() {
            return namespace;
        }

        @Override
        public int getPriority() {
            return NamespaceResolver.super.getPriority() + 1;
        }

        @Override
        public CompletionStage<Object> resolve(EvalContext context) {
            if (!context.getParams().isEmpty()) {
                return Results.notFound(context);
            }
            Map<String, String> texts = textsFor(context);
            String text = texts == null ? null : texts.get(context.getName());
            return text == null ? Results.notFound(context) : CompletedStage.of(text);
        }

        /** The texts of the language Quarkus's resolver would pick, or null where this one can't tell for sure. */
        private Map<String, String> textsFor(EvalContext context) {
            Object locale = context.getAttribute(TemplateInstance.LOCALE);
            if (locale == null) {
                Object variant = context.getAttribute(TemplateInstance.SELECTED_VARIANT);
                if (variant != null) {
                    locale = ((Variant) variant).getLocale();
                }
                if (locale == null) {
                    return texts(Languages.DEFAULT.tag());
                }
            }
            if (locale instanceof Locale l) {
                Map<String, String> exact = texts(l.toLanguageTag());
                return exact != null ? exact : texts(l.getLanguage());
            }
            return texts(locale.toString());
        }

        private Map<String, String> texts(String tag) {
            Map<String, String> texts = textsByTag.get(tag);
            if (texts == null && shippedTags.contains(tag)) {
                texts = textsByTag.computeIfAbsent(tag, this::load);
            }
            return texts;
        }

        /** Every parameterless message in this language, as the bundle bean answers it. */
        private Map<String, String> load(String tag) {
            Object messages = tag.equals(Languages.DEFAULT.tag()) ? MessageBundles.get(bundle)
                    : MessageBundles.get(bundle, Localized.Literal.of(tag));
            Map<String, String> texts = new HashMap<>();
            for (Method method : cacheable(bundle)) {
                try {
                    texts.put(method.getName(), (String) method.invoke(messages));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("message " + namespace + ":" + method.getName() + " in " + tag, e);
                }
            }
            return texts; // never changed once published
        }
    }

    /**
     * The methods whose expression name is the method name and whose text can't vary: abstract, no parameters, a
     * String, no {@code @Message} of their own, in a bundle that keys by element name; {@code message} is Quarkus's
     * dynamic lookup.
     */
    static Method[] cacheable(Class<?> bundle) {
        MessageBundle annotation = bundle.getAnnotation(MessageBundle.class);
        if (annotation == null || !annotation.defaultKey().equals(Message.ELEMENT_NAME)) {
            return new Method[0];
        }
        return Arrays.stream(bundle.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()) && m.getParameterCount() == 0
                        && m.getReturnType() == String.class && !m.isAnnotationPresent(Message.class)
                        && !m.getName().equals("message"))
                .toArray(Method[]::new);
    }
}
