package org.agora.comment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.agora.i18n.CurrentLanguage;
import org.agora.web.CsrfTokens;
import org.agora.web.FormKeys;
import org.agora.web.HtmlOutput;
import org.agora.web.PageContext;

/**
 * A thread's comment list as HTML ({@code {#comments}} in the thread pages), rendered once per comment as a viewer
 * sees it and kept for the next viewer who sees the same.
 *
 * <p>Why: Qute's evaluation of ~40 expressions per comment was most of a signed-in thread page's CPU (bench/README,
 * "What the runs showed"). Signed-in pages can't use the anonymous page cache, but what one comment's markup depends
 * on is small and explicit: the {@link CommentView} (a record holding everything the viewer may see and do with the
 * comment: text, counts, their vote, their permissions, the name they see), the language, where replies post, the
 * sort, and whether the viewer is signed in. That tuple is the key, so a changed comment, vote or permission is a
 * different key and nothing needs invalidating. The two per-request parts, the viewer's CSRF token and the reply
 * form's double-submit key, are cut out of what is kept and put back for each request, a fresh key for every form.
 * Relative times ("5 minutes ago") are kept for at most {@link #KEPT_FOR}; {@code times.js} re-renders them in the
 * browser, as for the anonymous page cache. A comment whose refused reply is being shown again is never kept.
 */
@ApplicationScoped
@Named("commentList")
public class CommentList {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance item(CommentView c, String action, String sort, String formKey, boolean draftOpen,
                String error, String draft, String signInHref);
    }

    /** How long a kept comment's relative time may lag. */
    static final Duration KEPT_FOR = Duration.ofSeconds(30);

    /** Bound on what is kept, in bytes and characters (kept markup plus the key's comment text): a few thousand comments. */
    static final long MAX_CHARS = 3L * 1024 * 1024;

    /**
     * Stands for the reply form's key in kept markup. Random per process: a comment's text can't contain it, so
     * nobody can make their comment show someone's form key.
     */
    private final String formKeySlot = "agora-form-key-" + UUID.randomUUID();

    private final Cache<Key, Kept> kept = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .weigher((Key key, Kept html) -> html.weight() + key.comment().bodyHtml().length())
            .expireAfterWrite(KEPT_FOR)
            .build();

    private final LongAdder renders = new LongAdder();

    @Inject
    CurrentLanguage language;

    @Inject
    PageContext page;

    @Inject
    RoutingContext routing;

    /**
     * What one comment's markup depends on besides the per-request token and form key. Written-out equals and
     * hashCode, as in {@link CommentView}: looked up for every comment of every signed-in thread page.
     */
    record Key(CommentView comment, Locale locale, String action, String sort, String signInHref) {
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Key that && comment.equals(that.comment) && locale.equals(that.locale)
                    && Objects.equals(action, that.action) && Objects.equals(sort, that.sort)
                    && Objects.equals(signInHref, that.signInHref);
        }

        @Override
        public int hashCode() {
            return Objects.hash(comment, locale, action, sort, signInHref);
        }
    }

    /**
     * Markup kept as UTF-8 with the CSRF token and the form key cut out: {@code parts} around the slots,
     * {@code formKeySlots[i]} saying what goes between {@code parts[i]} and {@code parts[i + 1]}.
     */
    record Kept(byte[][] parts, boolean[] formKeySlots) {
        int weight() {
            int bytes = 0;
            for (byte[] part : parts) {
                bytes += part.length;
            }
            return bytes;
        }

        void writeTo(HtmlOutput html, byte[] token) {
            html.write(parts[0]);
            for (int i = 0; i < formKeySlots.length; i++) {
                html.write(formKeySlots[i] ? FormKeys.newKey().getBytes(StandardCharsets.US_ASCII) : token);
                html.write(parts[i + 1]);
            }
        }

        void appendTo(StringBuilder html, String token) {
            html.append(new String(parts[0], StandardCharsets.UTF_8));
            for (int i = 0; i < formKeySlots.length; i++) {
                html.append(formKeySlots[i] ? FormKeys.newKey() : token).append(new String(parts[i + 1], StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The list's items; {@code draftParent}'s reply form (if any) reopened with {@code error} and {@code draft}. When
     * the page is rendered into bytes ({@link HtmlOutput}), a marker where the kept bytes go in.
     */
    public String html(List<CommentView> comments, String action, String sort, Long draftParent, String error, String draft) {
        String token = CsrfTokens.current(routing);
        String signInHref = page.signedIn() ? null : page.signInHref();
        Locale locale = language.locale();
        List<Object> items = new ArrayList<>(comments.size()); // Kept, or rendered markup that is not kept
        for (CommentView comment : comments) {
            boolean draftOpen = draftParent != null && draftParent == comment.id();
            if (draftOpen || token == null) {
                items.add(render(comment, action, sort, FormKeys.newKey(), draftOpen, error, draft, signInHref));
            } else {
                items.add(kept.get(new Key(comment, locale, action, sort, signInHref),
                        key -> keep(render(comment, action, sort, formKeySlot, false, null, null, signInHref), token)));
            }
        }
        HtmlOutput output = HtmlOutput.current(routing);
        if (output != null) {
            byte[] tokenBytes = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
            return output.splice(html -> {
                for (Object item : items) {
                    if (item instanceof Kept markup) {
                        markup.writeTo(html, tokenBytes);
                    } else {
                        html.write(((String) item).getBytes(StandardCharsets.UTF_8));
                    }
                }
            });
        }
        StringBuilder html = new StringBuilder(comments.size() * 3072);
        for (Object item : items) {
            if (item instanceof Kept markup) {
                markup.appendTo(html, token);
            } else {
                html.append((String) item);
            }
        }
        return html.toString();
    }

    /** Comments rendered since start (not served from what was kept): for tests of the keeping. */
    public long renders() {
        return renders.sum();
    }

    private String render(CommentView comment, String action, String sort, String formKey, boolean draftOpen, String error,
            String draft, String signInHref) {
        renders.increment();
        return Templates.item(comment, action, sort, formKey, draftOpen, error, draft, signInHref).render();
    }

    /** Splits rendered markup around the token and the form-key slot. */
    private Kept keep(String rendered, String token) {
        List<byte[]> parts = new ArrayList<>();
        List<Boolean> slots = new ArrayList<>();
        int from = 0;
        while (true) {
            int atToken = rendered.indexOf(token, from);
            int atKey = rendered.indexOf(formKeySlot, from);
            if (atToken < 0 && atKey < 0) {
                break;
            }
            boolean isKey = atToken < 0 || (atKey >= 0 && atKey < atToken);
            int at = isKey ? atKey : atToken;
            parts.add(rendered.substring(from, at).getBytes(StandardCharsets.UTF_8));
            slots.add(isKey);
            from = at + (isKey ? formKeySlot : token).length();
        }
        parts.add(rendered.substring(from).getBytes(StandardCharsets.UTF_8));
        boolean[] formKeySlots = new boolean[slots.size()];
        for (int i = 0; i < formKeySlots.length; i++) {
            formKeySlots[i] = Objects.requireNonNull(slots.get(i));
        }
        return new Kept(parts.toArray(byte[][]::new), formKeySlots);
    }
}
