package org.agora.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A rendered HTML page as the UTF-8 bytes it goes out as ({@link HtmlPageWriter} writes it without another copy or
 * encoding). Made by {@link PageCache#render}, from a String or straight from Qute by {@link HtmlOutput}.
 */
public final class HtmlPage {

    private final ByteBuf bytes;

    HtmlPage(ByteBuf bytes) {
        this.bytes = bytes;
    }

    static HtmlPage of(String html) {
        return new HtmlPage(Unpooled.wrappedBuffer(html.getBytes(StandardCharsets.UTF_8)));
    }

    int length() {
        return bytes.readableBytes();
    }

    /** The bytes for the response: a view, so that a page can be written more than once. */
    Buffer buffer() {
        return Buffer.buffer(bytes.retainedDuplicate());
    }

    byte[] toByteArray() {
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.getBytes(bytes.readerIndex(), copy);
        return copy;
    }

    /** The page as text (for logs and tests; the response never goes through it). */
    @Override
    public String toString() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
