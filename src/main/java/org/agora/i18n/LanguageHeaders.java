package org.agora.i18n;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Pages say which language they are in ({@code Content-Language}) and that it depends on the language cookie and
 * {@code Accept-Language} ({@code Vary}), so no shared cache hands a German page to an English reader.
 */
public class LanguageHeaders {

    @Inject
    CurrentLanguage current;

    @ServerResponseFilter
    public void addLanguageHeaders(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response.getHeaders().putSingle("Content-Language", current.tag());
            response.getHeaders().add("Vary", "Accept-Language, Cookie");
        }
    }
}
