package org.agora.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem body; {@code field} names the input at fault for 400s. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
