package org.agora.comment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Turns user-written Markdown into HTML that is safe to put in a page. Two independent layers: the Markdown
 * tree is rewritten (raw HTML escaped, only http/https/mailto links kept, images become links), then the HTML
 * goes through a jsoup allow-list anyway, so a bug in either layer alone cannot let markup through.
 */
@ApplicationScoped
public class MarkdownRenderer {

    static final String LINK_REL = "nofollow ugc noopener";

    /**
     * Deepest node nesting kept in the Markdown tree. commonmark-java builds e.g. {@code >} × 10,000 or
     * {@code - } × 10,000 without recursion, but its visitors (the autolink post-processor, the HTML renderer)
     * recurse once per level and overflow the stack within a few thousand levels. Anything deeper is flattened
     * before those visitors run; no real comment comes near this.
     */
    static final int MAX_DEPTH = 20;

    /**
     * Comments hold at most 10,000 code points (at most 20,000 chars). This cap is a backstop for callers that skip
     * that check: commonmark-java 0.27's scan for unterminated inline HTML is quadratic in the number of "<"
     * (commonmark-java#447): tens of milliseconds for 10,000 of them, but minutes for a megabyte.
     */
    static final int MAX_LENGTH = 30_000;

    /**
     * commonmark-java's inline parser itself recurses once per nested emphasis, strikethrough or link level while
     * parsing, before flattening can run: {@code *} × 10,000 nests 2,500 levels and needs ~500 KiB of stack while
     * the code is still interpreted. Each level uses up at least one of "*_~[", so input with at most this many of
     * them is parsed in place (under 200 KiB of stack); the rare input with more is parsed on a thread whose
     * 16 MiB stack is about ten times what the worst input of MAX_LENGTH needs.
     */
    static final int MAX_INLINE_OPENERS = 1_000;

    private static final Executor DEEP_STACK = task -> new Thread(null, task, "markdown-deep-parse", 16L << 20).start();

    /** Allow-list by prefix, so obfuscated schemes ("java\tscript:", "&#106;avascript:", "//host") all fail. */
    private static final Pattern SAFE_URL = Pattern.compile("(?i)(?:https?://|mailto:)\\S");

    private static final Pattern LONE_SURROGATE = Pattern.compile("\\p{Cs}");

    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    private static final Safelist SAFELIST = new Safelist()
            .addTags("p", "br", "em", "strong", "del", "code", "pre", "blockquote",
                    "ul", "ol", "li", "a", "hr", "h3", "h4", "h5", "h6")
            .addAttributes("a", "href", "title")
            .addAttributes("ol", "start")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", LINK_REL);

    private final Parser parser;
    private final HtmlRenderer renderer;

    public MarkdownRenderer() {
        List<Extension> extensions = List.of(AutolinkExtension.create(), StrikethroughExtension.create());
        // Post-processors run in registration order: flatten first (the autolinker recurses), and apply the
        // link policy last so it also sees the links the autolinker creates.
        parser = Parser.builder()
                .postProcessor(MarkdownRenderer::flattenBeyondMaxDepth)
                .extensions(extensions)
                .postProcessor(document -> {
                    document.accept(new LinkPolicy());
                    return document;
                })
                .build();
        renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .percentEncodeUrls(true)
                .build();
    }

    public String toSafeHtml(String markdown) {
        return sanitize(markdown).body().html().trim();
    }

    /** The visible text only, whitespace collapsed: for excerpts and notifications. */
    public String toPlainText(String markdown) {
        return WHITESPACE.matcher(sanitize(markdown).body().text()).replaceAll(" ").trim();
    }

    private Document sanitize(String markdown) {
        String text = markdown == null ? "" : markdown;
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Markdown longer than " + MAX_LENGTH + " characters");
        }
        // A lone surrogate is not text: left in, it would come out as "?" or a char reference depending on the encoder.
        String html = renderer.render(parse(LONE_SURROGATE.matcher(text).replaceAll("\uFFFD")));
        Document clean = new Cleaner(SAFELIST).clean(Jsoup.parseBodyFragment(html));
        // Only links with an href get the enforced rel; one whose href jsoup rejected is no link at all.
        clean.body().select("a:not([href])").unwrap();
        clean.outputSettings().prettyPrint(false);
        return clean;
    }

    private Node parse(String text) {
        long openers = text.chars().filter(c -> c == '*' || c == '_' || c == '~' || c == '[').count();
        return openers <= MAX_INLINE_OPENERS ? parser.parse(text)
                : CompletableFuture.supplyAsync(() -> parser.parse(text), DEEP_STACK).join();
    }

    /**
     * Iteratively replaces every node nested deeper than {@link #MAX_DEPTH} by its children, so nested quotes,
     * lists, emphasis or images degrade to a flat run of paragraphs and text. Paragraphs and headings are kept
     * (they cannot nest in themselves) so the text of different blocks does not run together. Each node moves at
     * most once, so this is linear.
     */
    private static Node flattenBeyondMaxDepth(Node document) {
        Node node = document.getFirstChild();
        int depth = 1;
        while (node != null) {
            Node first = node.getFirstChild();
            if (first != null && depth > MAX_DEPTH && !(node instanceof Paragraph || node instanceof Heading)) {
                // A tight list renders its items' paragraphs without <p>, which would run the lifted ones together.
                if (node.getParent() instanceof ListItem && node.getParent().getParent() instanceof ListBlock list) {
                    list.setTight(false);
                }
                unwrap(node);
                node = first;
                continue;
            }
            if (first != null) {
                node = first;
                depth++;
                continue;
            }
            while (node != document && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            node = node == document ? null : node.getNext();
        }
        return document;
    }

    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }

    /** Runs on the flattened tree, so recursing here is bounded. Children are visited before a node is replaced. */
    private static final class LinkPolicy extends AbstractVisitor {

        @Override
        public void visit(Link link) {
            visitChildren(link);
            if (!SAFE_URL.matcher(link.getDestination()).lookingAt()) {
                unwrap(link);
            }
        }

        /**
         * No images (tracking pixels, huge files, hot-linking): a link to the image, or just its alt text where a
         * link would end up inside another link.
         */
        @Override
        public void visit(Image image) {
            visitChildren(image);
            if (SAFE_URL.matcher(image.getDestination()).lookingAt() && !insideLinkOrImage(image)) {
                Link link = new Link(image.getDestination(), image.getTitle());
                if (image.getFirstChild() == null) {
                    link.appendChild(new Text(image.getDestination()));
                }
                image.insertBefore(link);
                image.unlink();
                while (image.getFirstChild() != null) {
                    link.appendChild(image.getFirstChild());
                }
            } else {
                unwrap(image);
            }
        }

        /** The page title owns h1/h2; a comment's "# Heading" renders as h3 and so on, capped at h6. */
        @Override
        public void visit(Heading heading) {
            heading.setLevel(Math.min(heading.getLevel() + 2, 6));
            visitChildren(heading);
        }

        private static boolean insideLinkOrImage(Node node) {
            for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
                if (parent instanceof Link || parent instanceof Image) {
                    return true;
                }
            }
            return false;
        }
    }
}
