package org.agora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped language has a text for every key of {@link Msg}, and nothing more. Quarkus itself would quietly
 * fall back to English for a missing German key; this test makes that a failure.
 */
class MessageBundleCompletenessTest {

    static Set<String> keys() {
        return Arrays.stream(Msg.class.getDeclaredMethods()).map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    static java.util.List<String> languages() {
        return Languages.SHIPPED.stream().map(Languages.Language::tag).toList();
    }

    static Properties file(String tag) throws IOException {
        String name = "messages/msg" + (tag.equals(Languages.DEFAULT.tag()) ? "" : "_" + tag) + ".properties";
        Properties properties = new Properties();
        try (InputStream in = MessageBundleCompletenessTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("%s on the classpath", name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyKeyHasATextAndNoTextLacksAKey(String tag) throws IOException {
        Properties texts = file(tag);
        Set<String> missing = new TreeSet<>(keys());
        texts.stringPropertyNames().stream().filter(k -> !texts.getProperty(k).isBlank()).forEach(missing::remove);
        assertThat(missing).as("keys of Msg without a text in language '%s'", tag).isEmpty();
        assertThat(new TreeSet<>(texts.stringPropertyNames())).as("texts in '%s' for keys Msg doesn't have", tag).isSubsetOf(keys());
    }

    /**
     * Qute 3.33.2 resolves a bundle's messages in generated methods of 300 each, and the message that would start
     * each further method goes into none ({@code MessageBundleProcessor.implementResolve}): a bundle's 301st message
     * would not resolve in templates, with no error at build time. Split a bundle before it gets there. (Msg's
     * resolver, 288 messages, is already too big for C1's profiled tier: bench/README.md "Where the highest sample
     * comes from now".)
     */
    @Test
    void noBundleHasMoreMessagesThanQuteResolvesInOneMethod() throws Exception {
        List<Class<?>> bundles = messageBundles();
        assertThat(bundles).as("@MessageBundle interfaces found").contains(Msg.class, RefusalMsg.class);
        for (Class<?> bundle : bundles) {
            long messages = Arrays.stream(bundle.getDeclaredMethods())
                    .filter(m -> !m.isSynthetic() && (Modifier.isAbstract(m.getModifiers()) || m.isAnnotationPresent(Message.class)))
                    .count();
            assertThat(messages).as("messages of %s", bundle.getSimpleName()).isBetween(1L, 300L);
        }
    }

    /** Every {@code @MessageBundle} interface compiled with the app, so that a bundle added later is checked too. */
    static List<Class<?>> messageBundles() throws Exception {
        Path classes = Path.of(Msg.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> bundles = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Msg.class.getClassLoader());
                if (type.isInterface() && type.isAnnotationPresent(MessageBundle.class)) {
                    bundles.add(type);
                }
            }
            return bundles;
        }
    }

    /** A translation must use the same parameters as the English text, or a value would silently go missing. */
    @ParameterizedTest
    @MethodSource("languages")
    void everyTranslationUsesTheSameParametersAsEnglish(String tag) throws IOException {
        Properties english = file(Languages.DEFAULT.tag());
        Properties translated = file(tag);
        for (String key : keys()) {
            if (translated.getProperty(key) != null && english.getProperty(key) != null) {
                assertThat(parameters(translated.getProperty(key))).as("parameters of %s in '%s'", key, tag)
                        .isEqualTo(parameters(english.getProperty(key)));
            }
        }
    }

    /** Translations that are identical to English are allowed only where the word is the same (Agora, Moderation). */
    @ParameterizedTest
    @MethodSource("languages")
    void translationsAreMostlyNotEnglish(String tag) throws IOException {
        if (tag.equals(Languages.DEFAULT.tag())) {
            return;
        }
        Properties english = file(Languages.DEFAULT.tag());
        Properties translated = file(tag);
        long same = keys().stream().filter(k -> english.getProperty(k, "").equals(translated.getProperty(k))).count();
        assertThat(same).as("keys whose '%s' text is the English one", tag).isLessThan(Math.max(3, keys().size() / 10));
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z_][\\w]*)");

    static Set<String> parameters(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PARAMETER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
