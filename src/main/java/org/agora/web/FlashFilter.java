package org.agora.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Clears the flash cookie once a page has shown its message. */
public class FlashFilter {

    @ServerResponseFilter
    public void clearShownFlash(ContainerRequestContext request, ContainerResponseContext response) {
        Cookie flash = request.getCookies().get(Flash.COOKIE);
        boolean shown = flash != null && !flash.getValue().isEmpty() && response.getStatus() < 300;
        boolean replaced = response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)
                && response.getHeaders().get(HttpHeaders.SET_COOKIE).stream().anyMatch(c -> c.toString().startsWith(Flash.COOKIE + "="));
        if (shown && !replaced) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, Flash.expired());
        }
    }
}
