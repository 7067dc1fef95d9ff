package org.agora.web;

import io.quarkus.qute.TemplateExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front end's stylesheet and scripts (frontend/css, frontend/js, packed by Maven as static files) under
 * cache-busting URLs: {@code /assets/{version}/js/agora.js}, where the version is a hash of the content of every
 * asset. One version for all of them keeps relative {@code import}s between the modules working. Under the current
 * version an asset is cached for a year as immutable; under any other version (a page rendered by an older or newer
 * replica during a rolling update) it is still served, but not cached, so no browser keeps the wrong content under
 * a hashed URL. Compression is Quarkus' ({@code quarkus.http.enable-compression}).
 */
@ApplicationScoped
public class Assets {

    /** Every asset a page may ask for; anything else under /assets is 404. */
    static final List<String> FILES = List.of("css/agora.css", "js/agora.js", "js/enhance.js", "js/live.js", "js/minimap.js",
            "js/compose.js", "js/unread.js");

    private static final Map<String, byte[]> CONTENT = new LinkedHashMap<>();
    /** The content hash of all assets, in {@link #FILES} order. */
    static final String VERSION;

    static {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (String file : FILES) {
                byte[] bytes = read(file);
                CONTENT.put(file, bytes);
                all.update(file.getBytes(StandardCharsets.UTF_8));
                all.update(bytes);
            }
            VERSION = HexFormat.of().formatHex(all.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In templates: {@code {asset:url('css/agora.css')}}. */
    @TemplateExtension(namespace = "asset")
    static String url(String file) {
        if (!CONTENT.containsKey(file)) {
            throw new IllegalArgumentException("Not a front-end asset: " + file);
        }
        return "/assets/" + VERSION + "/" + file;
    }

    /** Registered on Vert.x directly: no JAX-RS filters, so no cookies or per-page headers on a cacheable file. */
    void routes(@Observes Router router) {
        router.get("/assets/:version/*").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        String prefix = "/assets/" + rc.pathParam("version") + "/";
        String path = rc.normalizedPath();
        byte[] bytes = path.startsWith(prefix) ? CONTENT.get(path.substring(prefix.length())) : null;
        if (bytes == null) {
            rc.next(); // Agora's 404 page
            return;
        }
        // Quarkus marks responses "identity" unless a route asks for compression; these are text: let Vert.x compress
        rc.response().headers().remove("Content-Encoding");
        String type = path.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        rc.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", VERSION.equals(rc.pathParam("version"))
                        ? "public, max-age=31536000, immutable" : "no-cache")
                .end(Buffer.buffer(bytes));
    }

    private static byte[] read(String file) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("META-INF/resources/" + file)) {
            if (in == null) {
                throw new IllegalStateException("The build did not pack frontend/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
