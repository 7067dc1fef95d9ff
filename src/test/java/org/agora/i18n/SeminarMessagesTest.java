package org.agora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.agora.seminar.SeminarMsg;
import org.junit.jupiter.api.Test;

/** The small bundles (seminars: {@code sem}, notifications: {@code notify}) are as complete in every shipped language as the main one. */
class SeminarMessagesTest {

    @Test
    void everyKeyHasATextInEveryLanguageWithTheSameParameters() throws IOException {
        check(SeminarMsg.class, "sem");
    }

    @Test
    void everyNotificationKeyHasATextInEveryLanguageWithTheSameParameters() throws IOException {
        check(org.agora.notification.NotifyMsg.class, "notify");
    }

    @Test
    void everyRefusalKeyHasATextInEveryLanguageWithTheSameParameters() throws IOException {
        check(RefusalMsg.class, "refuse");
    }

    private static void check(Class<?> bundle, String name) throws IOException {
        Set<String> keys = Arrays.stream(bundle.getDeclaredMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        Properties english = file(name + ".properties");
        assertThat(new TreeSet<>(english.stringPropertyNames())).isEqualTo(keys);
        for (Languages.Language language : Languages.SHIPPED) {
            if (language.equals(Languages.DEFAULT)) {
                continue;
            }
            Properties translated = file(name + "_" + language.tag() + ".properties");
            assertThat(new TreeSet<>(translated.stringPropertyNames())).as("keys in '%s'", language.tag()).isEqualTo(keys);
            for (String key : keys) {
                assertThat(MessageBundleCompletenessTest.parameters(translated.getProperty(key)))
                        .as("parameters of %s in '%s'", key, language.tag())
                        .isEqualTo(MessageBundleCompletenessTest.parameters(english.getProperty(key)));
            }
            long same = keys.stream().filter(k -> english.getProperty(k).equals(translated.getProperty(k))).count();
            assertThat(same).as("texts left in English in '%s'", language.tag()).isLessThan(Math.max(3, keys.size() / 10));
        }
    }

    private static Properties file(String name) throws IOException {
        try (InputStream in = SeminarMessagesTest.class.getResourceAsStream("/messages/" + name)) {
            assertThat(in).as(name).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
