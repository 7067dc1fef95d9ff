package org.agora.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A page rendered by Qute straight into UTF-8 bytes, for pages rendered for one request (the signed-in thread page:
 * the page cache keeps only anonymous pages).
 *
 * <p>Why: built as a String, the 150 KB signed-in thread page was copied about ten times per request (string
 * builders growing, widened to two bytes per character by a single dash in the page, copied out, encoded): 3.4 MB
 * of garbage per page in the allocation profile (bench/README, "What the runs showed"). Here each piece Qute hands
 * over is encoded once into fixed blocks, which go to the socket as they are; markup kept as bytes
 * ({@code comment/CommentList}) is copied in where Qute emits the marker {@link #splice} gave for it.
 */
public final class HtmlOutput implements Consumer<String> {

    private static final String ROUTING_KEY = HtmlOutput.class.getName();
    private static final int BLOCK = 16 * 1024;
    private static final String MARKER_END = "-->";

    /** Random per process: neither a comment nor any other text a user writes can be a marker. */
    private static final String MARKER = "<!--agora-splice-" + UUID.randomUUID() + "-";

    private final List<Consumer<HtmlOutput>> splices = new ArrayList<>();
    private final List<byte[]> full = new ArrayList<>();
    private byte[] block = new byte[BLOCK];
    private int used;

    private HtmlOutput() {
    }

    /** Renders {@code template} into bytes; while it renders, {@link #current} gives this output. */
    static HtmlPage render(TemplateInstance template, RoutingContext routing) {
        try {
            return render(template, output -> routing.put(ROUTING_KEY, output));
        } finally {
            routing.remove(ROUTING_KEY);
        }
    }

    /** Renders {@code template} into bytes, handing the output to {@code start} first. */
    static HtmlPage render(TemplateInstance template, Consumer<HtmlOutput> start) {
        HtmlOutput output = new HtmlOutput();
        start.accept(output);
        try {
            template.consume(output).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return output.page();
    }

    /** The output the current request's page is being rendered into, or null when it is rendered as a String. */
    public static HtmlOutput current(RoutingContext routing) {
        return routing.get(ROUTING_KEY);
    }

    /**
     * A marker for the template to emit in place of markup that {@code writer} writes as bytes when the output reaches
     * it. The writer runs after the template has been evaluated, while the page is put together.
     */
    public String splice(Consumer<HtmlOutput> writer) {
        splices.add(writer);
        return MARKER + (splices.size() - 1) + MARKER_END;
    }

    /** Text from Qute: a marker from {@link #splice} (Qute hands over each expression's value on its own), or markup. */
    @Override
    public void accept(String text) {
        if (text.startsWith(MARKER) && text.endsWith(MARKER_END)) {
            String index = text.substring(MARKER.length(), text.length() - MARKER_END.length());
            if (!index.isEmpty() && index.length() < 10 && index.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(index) < splices.size()) {
                splices.get(Integer.parseInt(index)).accept(this);
                return;
            }
        }
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends UTF-8 bytes. */
    public void write(byte[] bytes) {
        int from = 0;
        while (from < bytes.length) {
            if (used == block.length) {
                full.add(block);
                block = new byte[BLOCK];
                used = 0;
            }
            int n = Math.min(bytes.length - from, block.length - used);
            System.arraycopy(bytes, from, block, used, n);
            used += n;
            from += n;
        }
    }

    private HtmlPage page() {
        ByteBuf[] parts = new ByteBuf[full.size() + 1];
        for (int i = 0; i < full.size(); i++) {
            parts[i] = Unpooled.wrappedBuffer(full.get(i));
        }
        parts[full.size()] = Unpooled.wrappedBuffer(block, 0, used);
        return new HtmlPage(Unpooled.wrappedBuffer(parts.length, parts));
    }
}
