package org.agora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No template shows words of its own: with every Qute expression taken out, what remains of the text and of the
 * attributes people read (title, aria-label, alt, placeholder) has no words but the site's name. A new English
 * string written straight into a template fails here and belongs in {@code messages/msg*.properties}.
 */
class TemplatesUseTheBundleTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Set<String> ALLOWED = Set.of("Agora");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    private static final List<String> READ_ATTRIBUTES = List.of("title", "aria-label", "alt", "placeholder");

    static Stream<Path> templates() throws IOException {
        return Files.walk(TEMPLATES).filter(p -> p.toString().endsWith(".html")).sorted();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void hasNoHardCodedWords(Path template) throws IOException {
        String source = Files.readString(template).replaceAll("(?s)\\{!.*?!}", "");
        String previous;
        do {
            previous = source;
            source = source.replaceAll("\\{[^{}]*}", " ");
        } while (!source.equals(previous));
        List<String> words = new ArrayList<>();
        Element body = Jsoup.parse(source).root();
        for (TextNode text : body.textNodes()) {
            collect(text.text(), words);
        }
        body.getAllElements().forEach(element -> {
            element.textNodes().forEach(text -> collect(text.text(), words));
            READ_ATTRIBUTES.forEach(name -> collect(element.attr(name), words));
        });
        assertThat(words).as("words written straight into %s", TEMPLATES.relativize(template)).isEmpty();
    }

    private static void collect(String text, List<String> into) {
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (!ALLOWED.contains(m.group())) {
                into.add(m.group());
            }
        }
    }
}
