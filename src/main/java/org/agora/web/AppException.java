package org.agora.web;

import java.util.function.Function;
import org.agora.i18n.Msg;

/**
 * A failure we expect and explain: it becomes an RFC 9457 problem for the API and a friendly page or form
 * message for the browser. Anything else is a bug and is answered with a 500 carrying a request id.
 */
public class AppException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final long retryAfterSeconds;
    private Function<Msg, String> text;

    public AppException(int status, String title, String detail, String field) {
        this(status, title, detail, field, 0);
    }

    private AppException(int status, String title, String detail, String field, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AppException invalid(String field, String detail) {
        return new AppException(400, "Invalid input", detail, field);
    }

    public static AppException notSignedIn() {
        return new AppException(401, "Sign-in required", "Please sign in to do that.", null).localized(Msg::error_signIn);
    }

    public static AppException forbidden(String detail) {
        return new AppException(403, "Not allowed", detail, null);
    }

    public static AppException notFound(String what) {
        return new AppException(404, "Not found", "No such " + what + ".", null).localized(m -> m.error_notFound(what));
    }

    public static AppException conflict(String detail) {
        return new AppException(409, "Conflict", detail, null);
    }

    /** 429: answered with {@code Retry-After}, in whole seconds (at least 1). */
    public static AppException tooManyRequests(String detail, long retryAfterSeconds) {
        return new AppException(429, "Too many requests", detail, null, Math.max(1, retryAfterSeconds));
    }

    /**
     * The detail in the reader's language, for pages; {@link #detail()} stays English (the JSON API, logs). Services
     * add it as they throw: {@code AppException.forbidden("Only the author…").localized(Msg::error_onlyAuthorEdits)}.
     */
    public AppException localized(Function<Msg, String> text) {
        this.text = text;
        return this;
    }

    /** The detail in the language of {@code msg} when the thrower gave one, else the English detail. */
    public String detail(Msg msg) {
        return text != null && msg != null ? text.apply(msg) : detail();
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The input field at fault, for 400s; null otherwise. */
    public String field() {
        return field;
    }

    /** Seconds until a retry may succeed, for 429s; 0 otherwise. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // expected outcomes, not bugs: a stack trace would only cost time
    }
}
