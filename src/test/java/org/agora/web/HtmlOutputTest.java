package org.agora.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Pages rendered straight into bytes are the bytes the same page rendered as a String encodes to. */
class HtmlOutputTest {

    private final Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver()).build();

    @Test
    void textAcrossBlocksAndBeyondAsciiIsEncodedOnce() {
        // longer than several 16 KB blocks, with two- to four-byte characters falling on the block boundaries
        String big = "ab—é😀".repeat(20_000);
        Template template = engine.parse("<p>{text}</p><p>{text}</p>{n}");
        String expected = template.data("text", big).data("n", 42).render();
        HtmlPage page = HtmlOutput.render(template.data("text", big).data("n", 42), output -> { });
        assertThat(page.toByteArray()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(page.length()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(page.toString()).isEqualTo(expected);
    }

    @Test
    void aSpliceWritesItsBytesWhereItsMarkerIsAndOtherTextStaysVerbatim() {
        AtomicReference<HtmlOutput> output = new AtomicReference<>();
        Object list = new Object() {
            @SuppressWarnings("unused")
            public String items() {
                return output.get().splice(html -> html.write("<li>kept ü</li>".getBytes(StandardCharsets.UTF_8)));
            }
        };
        // a value that looks like a marker but is not one of this output's stays as it is (this engine escapes nothing)
        Template template = engine.parse("<ul>{list.items}</ul>{fake}");
        HtmlPage page = HtmlOutput.render(template.data("list", list).data("fake", "<!--agora-splice-0-->"), output::set);
        assertThat(page.toString()).isEqualTo("<ul><li>kept ü</li></ul><!--agora-splice-0-->");
    }

    @Test
    void aFailingTemplateFailsWithItsOwnException() {
        Template template = engine.parse("{list.boom}");
        Object list = new Object() {
            @SuppressWarnings("unused")
            public String boom() {
                throw new IllegalStateException("boom");
            }
        };
        assertThatThrownBy(() -> HtmlOutput.render(template.data("list", list), output -> { }))
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom"); // not wrapped by the future
    }
}
