package org.agora.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.agora.i18n.CurrentLanguage;
import org.agora.i18n.Languages;
import org.agora.i18n.Msg;
import org.agora.ops.RequestIds;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a designed answer: {@code application/problem+json} under {@code /api/}, a friendly
 * page elsewhere, and for a browser that must sign in, a redirect through Keycloak back to where it was.
 * Unexpected errors are logged once with a request id, which the answer repeats; no stack trace leaves the server.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(basePath = "ErrorPages")
    static class Templates {
        /** The title comes from the status, in the reader's language; {@code detail} is localized already. */
        static native TemplateInstance error(int status, String detail, String requestId, long retryAfter);
    }

    @ServerExceptionMapper
    public Response appException(AppException e, HttpServerRequest request) {
        if (e.status() == 401 && !isApi(request)) {
            return Response.seeOther(java.net.URI.create(PageContext.signInHref(SafeRedirect.pageOf(request)))).build();
        }
        if (isApi(request)) {
            return withRetryAfter(answer(request, e.status(), e.title(), e.detail(), e.field(), null), e);
        }
        return withRetryAfter(page(e.status(), e.detail(msg()), null, e.retryAfterSeconds()), e);
    }

    /** Adds {@code Retry-After} to a 429 answer (pages that re-render a refused form use this too). */
    public static Response withRetryAfter(Response answer, AppException e) {
        if (e.retryAfterSeconds() <= 0) {
            return answer;
        }
        return Response.fromResponse(answer).header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request failed";
        String detail = switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the format asked for.";
            case 413 -> "The request is too large.";
            case 415 -> "Send the data as JSON (or as a form, for the pages).";
            default -> e.getCause() instanceof JsonProcessingException ? "The request body is not valid JSON." : title + ".";
        };
        if (!isApi(request)) {
            return page(status, msg().error_detail(status), null, 0);
        }
        return answer(request, status, title, detail, null, null);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e, HttpServerRequest request) {
        return answer(request, 400, "Invalid input", "The request body is not valid JSON.", null, null);
    }

    /** Declared separately: Quarkus ships its own mapper for this subtype, which answers with an empty body. */
    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e, HttpServerRequest request) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        String detail = field != null ? "The field '" + field + "' has the wrong type." : "The request body has the wrong shape: send a JSON object.";
        return answer(request, 400, "Invalid input", detail, field, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable while serving %s %s: %s", request.method(), request.path(), e.getMessage());
            Response answer = answer(request, 503, "Service unavailable",
                    "Agora can't reach its database right now. Nothing was saved; please try again in a few seconds.", null, null);
            return Response.fromResponse(answer).header("Retry-After", "5").build();
        }
        if (isTransientConflict(e)) {
            // a deadlock or serialization failure rolled the transaction back: nothing was saved, a retry will do
            LOG.warnf("Transaction conflict while serving %s %s: %s", request.method(), request.path(), e.getMessage());
            Response answer = isApi(request)
                    ? answer(request, 503, "Busy", "Agora was too busy to save that just now. Nothing was saved; please try again.", null, null)
                    : page(503, msg().error_busy(), null, 1);
            return Response.fromResponse(answer).header("Retry-After", "1").build();
        }
        if (isUnstorableText(e)) {
            // a NUL byte in a path, query or field the services don't check themselves: the database refused it,
            // the transaction rolled back, and the answer is the client's mistake, not ours
            return isApi(request)
                    ? answer(request, 400, "Invalid input", "The request contains a character that can't be stored or searched for (a NUL byte).", null, null)
                    : page(400, msg().error_nul(), null, 0);
        }
        if (isClientGone(e)) {
            // the client closed the connection before its body arrived (a closed tab, a load generator stopping):
            // nothing was read, so nothing ran, and no one is left to answer
            LOG.debugf("Client went away while sending %s %s", request.method(), request.path());
            return answer(request, 400, "Incomplete request", "The connection closed before the request body arrived.", null, null);
        }
        // the id the request already carries (X-Request-Id header, log MDC), so the page, the header and the logs agree
        String requestId = request.response().headers().get(RequestIds.HEADER);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        LOG.errorf(e, "Unexpected error %s while serving %s %s", requestId, request.method(), request.path());
        if (!isApi(request)) {
            return page(500, msg().error_detail(500), requestId, 0);
        }
        return answer(request, 500, "Something went wrong",
                "An unexpected error occurred. If it keeps happening, quote request id " + requestId + ".", null, requestId);
    }

    static Response answer(HttpServerRequest request, int status, String title, String detail, String field, String requestId) {
        if (isApi(request)) {
            return Response.status(status)
                    .type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", title, status, detail, request.path(), field, requestId))
                    .build();
        }
        return page(status, msg().error_detail(status), requestId, 0);
    }

    /** The friendly page, in the site's layout and the reader's language. */
    static Response page(int status, String detail, String requestId, long retryAfter) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, detail, requestId, retryAfter))
                .build();
    }

    private static Msg msg() {
        return Arc.container().requestContext().isActive() ? Arc.container().instance(CurrentLanguage.class).get().msg()
                : Languages.DEFAULT.msg();
    }

    static boolean isApi(HttpServerRequest request) {
        return request.path().startsWith("/api/");
    }

    /** SQLSTATE 40P01 (deadlock detected) and 40001 (serialization failure): the database rolled back, retry. */
    /** Reading the request body failed because the connection closed (Vert.x' HttpClosedException or a closed channel). */
    private static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientConflict(Throwable e) {
        return hasSqlState(e, "40P01", "40001");
    }

    /** SQLSTATE 22021 (a byte sequence, such as NUL, that UTF-8 text can't hold) and 22P05 (untranslatable character). */
    private static boolean isUnstorableText(Throwable e) {
        return hasSqlState(e, "22021", "22P05");
    }

    private static boolean hasSqlState(Throwable e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && java.util.Arrays.asList(states).contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().startsWith("53"))) {
                // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down, crashed, or is
                // still starting up (recovering after a crash), which scripts/reliability.sh meets on every restart;
                // class 53: out of resources, such as every connection slot taken (53300) by other clients
                return true;
            }
        }
        return false;
    }
}
