package org.agora.web;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes HTML pages: a {@link HtmlPage} as the bytes it holds, a String as UTF-8 encoded by {@link String#getBytes}.
 * Why: Quarkus REST's own String writer hands the page to Netty, which encodes it one character at a time into a
 * direct buffer; profiles of the signed-in thread page (bench/README, "What the runs showed") put that loop at a
 * third of the request's CPU, where the JDK's encoder, which copies whole runs of ASCII at once, costs a fraction.
 * Same bytes, same headers.
 */
@Provider
@Produces(MediaType.TEXT_HTML)
public class HtmlPageWriter implements ServerMessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return type == String.class || type == HtmlPage.class;
    }

    @Override
    public void writeResponse(Object page, Type genericType, ServerRequestContext context) {
        HttpServerResponse vertx = context instanceof ResteasyReactiveRequestContext request
                ? request.serverRequest().unwrap(HttpServerResponse.class)
                : null;
        if (page instanceof HtmlPage html && vertx != null) {
            vertx.end(html.buffer()); // the blocks as they are: Netty copies them once, into the socket's buffer
        } else if (page instanceof HtmlPage html) {
            context.serverResponse().end(html.toByteArray());
        } else {
            context.serverResponse().end(page.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == String.class || type == HtmlPage.class;
    }

    @Override
    public void writeTo(Object page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        body.write(page instanceof HtmlPage html ? html.toByteArray() : page.toString().getBytes(StandardCharsets.UTF_8));
    }
}
