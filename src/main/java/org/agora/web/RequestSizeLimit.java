package org.agora.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies declared larger than {@link #MAX_BYTES} with a designed 413 (problem JSON or a page) before
 * anything reads them. Vert.x's own hard limit ({@code quarkus.http.limits.max-body-size}, set higher) still
 * stops chunked bodies that declare no length, with a bare 413.
 */
public class RequestSizeLimit {

    /** Comments are at most 10,000 characters (≤ 40 KB of UTF-8); 256 KB leaves room for any form or JSON. */
    public static final long MAX_BYTES = 256 * 1024;

    @ServerRequestFilter(preMatching = true, priority = 1)
    public Response refuseOversizedBodies(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return ErrorPages.answer(request, 400, "Invalid request", "The Content-Length header is not a number.", null, null);
        }
        if (length <= MAX_BYTES) {
            return null;
        }
        return Response.fromResponse(ErrorPages.answer(request, 413, "Request too large",
                        "The request is too large: comments are limited to 10,000 characters.", null, null))
                .header("Connection", "close").build();
    }
}
