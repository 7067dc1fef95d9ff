package org.agora.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {

    private static final Set<String> ALLOWED_TAGS = Set.of("p", "br", "em", "strong", "del", "code", "pre",
            "blockquote", "ul", "ol", "li", "a", "hr", "h3", "h4", "h5", "h6");
    private static final List<String> FORBIDDEN_TAGS = List.of("script", "iframe", "style", "svg", "img", "object",
            "embed", "form", "math", "input", "textarea", "button", "base", "meta", "link", "frame", "video", "audio");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    // --- ordinary Markdown ---

    @Test
    void rendersInlineFormatting() {
        assertThat(renderer.toSafeHtml("Some *emphasis*, **strong**, ~~struck~~ and `a < b` code"))
                .isEqualTo("<p>Some <em>emphasis</em>, <strong>strong</strong>, <del>struck</del> and <code>a &lt; b</code> code</p>");
    }

    @Test
    void rendersListsQuotesRulesAndBreaks() {
        assertThat(renderer.toSafeHtml("- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n---\n\nline  \nbreak"))
                .isEqualTo("""
                        <ul>
                        <li>one</li>
                        <li>two</li>
                        </ul>
                        <ol start="3">
                        <li>three</li>
                        <li>four</li>
                        </ol>
                        <blockquote>
                        <p>quoted</p>
                        </blockquote>
                        <hr>
                        <p>line<br>
                        break</p>""");
    }

    @Test
    void codeBlocksKeepTheirTextButLoseTheLanguageClass() {
        assertThat(renderer.toSafeHtml("```java\nif (a < b && c) { x(); }\n```"))
                .isEqualTo("<pre><code>if (a &lt; b &amp;&amp; c) { x(); }\n</code></pre>");
    }

    @Test
    void headingsStartAtH3() {
        assertThat(renderer.toSafeHtml("# One\n\n## Two\n\n#### Four\n\n###### Six\n\nSetext\n==="))
                .isEqualTo("<h3>One</h3>\n<h4>Two</h4>\n<h6>Four</h6>\n<h6>Six</h6>\n<h3>Setext</h3>");
    }

    @Test
    void autolinksGetRelAndNoTarget() {
        assertThat(renderer.toSafeHtml("see https://example.com/a?b=1&c=2, www.example.org or ann@example.com"))
                .isEqualTo("<p>see <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
                        + "https://example.com/a?b=1&amp;c=2</a>, <a href=\"http://www.example.org\" rel=\"nofollow ugc noopener\">"
                        + "www.example.org</a> or <a href=\"mailto:ann@example.com\" rel=\"nofollow ugc noopener\">ann@example.com</a></p>");
    }

    @Test
    void explicitLinksKeepTheirTitle() {
        assertThat(renderer.toSafeHtml("[the *docs*](https://example.com/docs \"Read me\") and <https://example.com>"))
                .isEqualTo("<p><a href=\"https://example.com/docs\" title=\"Read me\" rel=\"nofollow ugc noopener\">the <em>docs</em></a>"
                        + " and <a href=\"https://example.com\" rel=\"nofollow ugc noopener\">https://example.com</a></p>");
    }

    @Test
    void imagesBecomeLinksOrAltText() {
        assertThat(renderer.toSafeHtml("![a cat](https://example.com/cat.png)")).isEqualTo(
                "<p><a href=\"https://example.com/cat.png\" rel=\"nofollow ugc noopener\">a cat</a></p>");
        assertThat(renderer.toSafeHtml("![](https://example.com/cat.png)")).isEqualTo(
                "<p><a href=\"https://example.com/cat.png\" rel=\"nofollow ugc noopener\">https://example.com/cat.png</a></p>");
        assertThat(renderer.toSafeHtml("[![badge](https://example.com/b.svg)](https://example.com)")).isEqualTo(
                "<p><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">badge</a></p>");
        assertThat(renderer.toSafeHtml("![local](cat.png)")).isEqualTo("<p>local</p>");
        assertThat(renderer.toSafeHtml("![outer ![inner](https://example.com/in.png) alt](https://example.com/out.png)"))
                .isEqualTo("<p><a href=\"https://example.com/out.png\" rel=\"nofollow ugc noopener\">outer inner alt</a></p>");
    }

    @Test
    void rawHtmlIsShownAsText() {
        assertThat(renderer.toSafeHtml("<b>bold?</b>\n\n<div class=\"x\">block</div>"))
                .isEqualTo("<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n<p>&lt;div class=\"x\"&gt;block&lt;/div&gt;</p>");
    }

    @Test
    void relativeAndProtocolRelativeLinksKeepOnlyTheirText() {
        assertThat(renderer.toSafeHtml("[home](/) [up](../x) [frag](#top) [evil](//evil.example)"))
                .isEqualTo("<p>home up frag evil</p>");
    }

    @Test
    void outputIsTrimmedAndDeterministic() {
        String markdown = "\n\n  Hello [there](https://example.com) *you*\n\n\n";
        String html = renderer.toSafeHtml(markdown);
        assertThat(html).isEqualTo("<p>Hello <a href=\"https://example.com\" rel=\"nofollow ugc noopener\">there</a> <em>you</em></p>");
        assertThat(new MarkdownRenderer().toSafeHtml(markdown)).isEqualTo(html);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\n\t"})
    void nothingRendersAsNothing(String markdown) {
        assertThat(renderer.toSafeHtml(markdown)).isEmpty();
        assertThat(renderer.toPlainText(markdown)).isEmpty();
    }

    @Test
    void plainTextDropsMarkupAndCollapsesWhitespace() {
        String markdown = "# Title\n\nSome *emphasis* and [a link](https://example.com).\n\n"
                + "> quoted\n> text\n\n- one\n- two\n\n```\ncode\n   block\n```\n\n<script>x</script>";
        assertThat(renderer.toPlainText(markdown))
                .isEqualTo("Title Some emphasis and a link. quoted text one two code block <script>x</script>");
    }

    @Test
    void refusesInputFarBeyondTheCommentLimit() {
        assertThatThrownBy(() -> renderer.toSafeHtml("a".repeat(MarkdownRenderer.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- hostile input ---

    static Stream<String> hostile() {
        return Stream.of(
                "<script>alert(1)</script>",
                "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
                "<img src=x onerror=alert(1)>",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<iframe src=\"javascript:alert(1)\"></iframe>",
                "<style>body{background:url(javascript:alert(1))}</style>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<<script>script>alert(1)<</script>/script>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
                "<object data=\"javascript:alert(1)\"></object>",
                "<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
                "<form action=\"javascript:alert(1)\"><input type=submit></form>",
                "<div style=\"background:url(javascript:alert(1))\" class=\"x\">x</div>",
                "<p onclick=\"alert(1)\">x</p>",
                "<details open ontoggle=alert(1)>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                "<base href=\"javascript:/\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<!-- --><script>alert(1)</script>",
                "<![CDATA[<script>alert(1)</script>]]>",
                "\"><script>alert(1)</script>",
                "<scr\u0000ipt>alert(1)</script>",
                "[x](javascript:alert(1))",
                "[x](JaVaScRiPt:alert(1))",
                "[x](java&#x09;script:alert(1))",
                "[x](java&#10;script:alert(1))",
                "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
                "[x](&#x6A;avascript:alert(1))",
                "[x](%6Aavascript:alert(1))",
                "[x]( javascript:alert(1))",
                "[x](<javascript:alert(1)>)",
                "[x](\u0001javascript:alert(1))",
                "[x](vbscript:msgbox(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[x](//evil.example/x)",
                "[x](\\\\evil.example\\x)",
                "[x](ｊａｖａｓｃｒｉｐｔ:alert(1))",
                "[x](\u202Ejavascript:alert(1))",
                "[x](http://a \"\\\" onmouseover=alert(1) x=\\\"\")",
                "[x](http://a 'x\\' onmouseover=alert(1)')",
                "[x](http://a.example/\"onmouseover=\"alert(1))",
                "[x][r]\n\n[r]: javascript:alert(1)",
                "[x][r]\n\n[r]: data:text/html,<script>alert(1)</script>",
                "<javascript:alert(1)>",
                "<vbscript:msgbox(1)>",
                "javascript://%0Aalert(1)",
                "![x](javascript:alert(1))",
                "![x\" onerror=\"alert(1)](http://x.example/y.png)",
                "![x](http://x.example/y.png\" onerror=\"alert(1))",
                "[<img src=x onerror=alert(1)>](http://x.example)",
                "[x](http://x.example)<!--",
                "<a href=\"http://x.example\" target=\"_blank\" rel=\"opener\">x</a>",
                "`<script>alert(1)</script>`",
                "```html\n<script>alert(1)</script>\n```",
                "<div>\n\n*markdown inside html*\n\n</div><script>alert(1)</script>",
                "> <script>alert(1)</script>\n> - <img src=x onerror=alert(1)>",
                "***[x](javascript:alert(1))***",
                "[x](mailto:javascript:alert(1))");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileInputYieldsOnlySafeMarkup(String markdown) {
        assertSafe(renderer.toSafeHtml(markdown));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileInputYieldsOneLineOfPlainText(String markdown) {
        String text = renderer.toPlainText(markdown);
        assertThat(text).isEqualTo(text.strip()).doesNotContain("\n", "\t", "  ");
    }

    @Test
    void unsafeLinksKeepOnlyTheirText() {
        assertThat(renderer.toSafeHtml("[click](javascript:alert(1)) [me](java&#x09;script:alert(1))"))
                .isEqualTo("<p>click me</p>");
    }

    @Test
    void aLinkTitleCannotAddAttributes() {
        Element link = Jsoup.parseBodyFragment(renderer.toSafeHtml("[x](http://a \"\\\" onmouseover=alert(1) x=\\\"\")"))
                .selectFirst("a");
        assertThat(link).isNotNull();
        assertThat(link.attributes().asList()).extracting(Attribute::getKey).containsExactly("href", "title", "rel");
        assertThat(link.attr("title")).isEqualTo("\" onmouseover=alert(1) x=\"");
    }

    // --- pathological input ---

    @Test
    void tenThousandNestedQuotesAreCappedAtMaxDepth() {
        String html = render(">".repeat(10_000) + " deep");
        assertSafe(html);
        assertThat(Jsoup.parseBodyFragment(html).select("blockquote")).hasSize(MarkdownRenderer.MAX_DEPTH);
        assertThat(html).contains("<p>deep</p>");
    }

    @Test
    void tenThousandNestedQuotesWithSpacesAndLinesAreCapped() {
        String html = render(("> ".repeat(2_000) + "line\n").repeat(5));
        assertThat(Jsoup.parseBodyFragment(html).select("blockquote")).hasSize(MarkdownRenderer.MAX_DEPTH);
        assertThat(Jsoup.parseBodyFragment(html).text()).isEqualTo("line line line line line");
    }

    @ParameterizedTest
    @CsvSource({"'- ', 10000", "'* ', 10000", "'1. ', 9000", "'> - ', 7000"})
    void tenThousandNestedListLevelsAreCapped(String marker, int levels) {
        String html = render(marker.repeat(levels) + "deep");
        assertSafe(html);
        assertThat(maxDepth(html)).isLessThanOrEqualTo(MarkdownRenderer.MAX_DEPTH + 2);
        assertThat(Jsoup.parseBodyFragment(html).text()).isEqualTo("deep");
    }

    @Test
    void deeplyIndentedListsAreCapped() {
        StringBuilder markdown = new StringBuilder();
        for (int level = 0; level < 90; level++) {
            markdown.append("  ".repeat(level)).append("- item ").append(level).append('\n');
        }
        String html = render(markdown.toString());
        assertThat(maxDepth(html)).isLessThanOrEqualTo(MarkdownRenderer.MAX_DEPTH + 2);
        assertThat(Jsoup.parseBodyFragment(html).text())
                .isEqualTo(IntStream.range(0, 90).mapToObj(i -> "item " + i).collect(Collectors.joining(" ")));
    }

    @Test
    void inputWithManyEmphasisMarkersRendersTheSameOnTheDeepStackThread() {
        String markdown = "*x* ".repeat(MarkdownRenderer.MAX_INLINE_OPENERS);
        assertThat(render(markdown)).isEqualTo("<p>" + "<em>x</em> ".repeat(MarkdownRenderer.MAX_INLINE_OPENERS).trim() + "</p>");
    }

    @Test
    void tenThousandOpeningBracketsStayText() {
        assertThat(render("[".repeat(10_000))).isEqualTo("<p>" + "[".repeat(10_000) + "</p>");
        assertThat(render("[".repeat(5_000) + "](".repeat(5_000))).startsWith("<p>[[[").endsWith("](](</p>");
    }

    @Test
    void tenThousandStarsAreAThematicBreak() {
        assertThat(render("*".repeat(10_000))).isEqualTo("<hr>");
    }

    @Test
    void deeplyNestedEmphasisIsCapped() {
        String html = render("*".repeat(5_000) + "deep" + "*".repeat(5_000));
        assertSafe(html);
        assertThat(maxDepth(html)).isLessThanOrEqualTo(MarkdownRenderer.MAX_DEPTH + 2);
        assertThat(Jsoup.parseBodyFragment(html).text()).isEqualTo("deep");

        html = render("*a _b ".repeat(1_700) + "deep" + " c_ d*".repeat(1_700));
        assertThat(maxDepth(html)).isLessThanOrEqualTo(MarkdownRenderer.MAX_DEPTH + 2);
        assertThat(Jsoup.parseBodyFragment(html).text()).contains("a b a b", "deep", "c d c d");
    }

    @Test
    void deeplyNestedImagesAndLinksAreCapped() {
        String html = render("![".repeat(1_500) + "alt" + "](https://e.x/i)".repeat(1_500));
        assertSafe(html);
        assertThat(maxDepth(html)).isLessThanOrEqualTo(MarkdownRenderer.MAX_DEPTH + 2);
        assertThat(Jsoup.parseBodyFragment(html).text()).isEqualTo("alt");

        html = render("[![".repeat(500) + "alt" + "](https://example.com/i.png)](https://example.com)".repeat(500));
        assertSafe(html);
        assertThat(Jsoup.parseBodyFragment(html).text()).startsWith("[[[").contains("alt");
    }

    @Test
    void aTenThousandCharacterLineIsOneParagraph() {
        assertThat(render("a".repeat(10_000))).isEqualTo("<p>" + "a".repeat(10_000) + "</p>");
        String url = "https://example.com/" + "a".repeat(10_000);
        assertThat(Jsoup.parseBodyFragment(render(url)).select("a[href]").attr("href")).isEqualTo(url);
    }

    @Test
    void nulBytesBecomeReplacementCharacters() {
        assertThat(render("a\u0000b")).isEqualTo("<p>a\uFFFDb</p>");
        assertThat(render("\u0000".repeat(10_000))).isEqualTo("<p>" + "\uFFFD".repeat(10_000) + "</p>");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsSurvive() {
        assertThat(render("\uD800x\uDC00 \uD83D\uDE00")).isEqualTo("<p>\uFFFDx\uFFFD \uD83D\uDE00</p>");
        assertThat(renderer.toPlainText("\uDBFF".repeat(10_000))).isEqualTo("\uFFFD".repeat(10_000));
    }

    @Test
    void bidiControlsAreKeptAsText() {
        assertThat(render("\u202Eevil\u202C \u200Fשלום\u200E")).isEqualTo("<p>\u202Eevil\u202C \u200Fשלום\u200E</p>");
        assertThat(render("\u202E\u200F".repeat(5_000))).isEqualTo("<p>" + "\u202E\u200F".repeat(5_000) + "</p>");
    }

    static Stream<Arguments> repeatedSyntax() {
        return Stream.of(
                arguments("<", "<p>&lt;&lt;&lt;"),
                arguments("<a ", "<p>&lt;a &lt;a "),
                arguments("[<", "<p>[&lt;[&lt;"),
                arguments("<!--", "<p>&lt;!--&lt;!--"),
                arguments("<?", "<p>&lt;?&lt;?"),
                arguments("&#", "<p>&amp;#&amp;#"),
                arguments("\\", "<p>\\\\\\"),
                arguments("]", "<p>]]]]"),
                arguments("[](", "<p>[]([]("),
                arguments("a@", "<p>a@a@"),
                arguments("``` ", "<p><code> </code> <code> </code>"),
                arguments("`", "<pre><code></code></pre>"),
                arguments("~", "<pre><code></code></pre>"),
                arguments("_", "<hr>"),
                arguments("www.", "<p><a href=\"http://www.www.www."));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" repeated")
    @MethodSource("repeatedSyntax")
    void repeatedSyntaxRendersAsSafeText(String unit, String expectedStart) {
        String html = render(unit.repeat(10_000 / unit.length()));
        assertSafe(html);
        assertThat(html).startsWith(expectedStart);
    }

    /**
     * Renders on a thread with half the usual 1 MiB stack, so a pass does not depend on how the test JVM is
     * configured. (No time budget: speed belongs to benchmarks, and a time limit failed on a busy machine.)
     */
    private String render(String markdown) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                String html = renderer.toSafeHtml(markdown);
                renderer.toPlainText(markdown);
                result.set(html);
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (result.get() instanceof Throwable failure) {
            throw new AssertionError("rendering failed", failure);
        }
        return (String) result.get();
    }

    private static void assertSafe(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        for (String tag : FORBIDDEN_TAGS) {
            assertThat(body.select(tag)).as("<%s> in %s", tag, html).isEmpty();
        }
        for (Element element : body.getAllElements()) {
            if (element != body) {
                assertThat(ALLOWED_TAGS).as("tag in %s", html).contains(element.normalName());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute in %s", html).doesNotStartWith("on").isNotIn("style", "class", "target", "src");
            }
        }
        for (Element link : body.select("a")) {
            assertThat(link.attr("href")).as("href in %s", html).matches("(https?://|mailto:).*");
            assertThat(link.attr("rel").split(" ")).as("rel in %s", html).contains("nofollow", "ugc");
        }
    }

    /** Deepest element nesting below body. */
    private static int maxDepth(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        return body.getAllElements().stream().mapToInt(element -> element.parents().indexOf(body) + 1).max().orElse(0);
    }
}
