package org.agora.web;

import io.quarkus.qute.TemplateExtension;
import java.util.UUID;
import org.agora.i18n.Msg;
import org.agora.web.AppException;

/**
 * One random key per rendered form. The server stores it with what the form created, so a double click or a
 * re-sent POST finds the first result instead of creating a second one.
 */
public final class FormKeys {

    private FormKeys() {
    }

    /** In templates: {@code {form:key}}. */
    @TemplateExtension(namespace = "form", matchName = "key")
    static String key() {
        return newKey();
    }

    /** A fresh key, for forms rendered outside templates' {@code {form:key}} (kept comment markup). */
    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** Null when absent (the form then has no double-submit protection); 400 when malformed. */
    public static UUID parse(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(key.strip());
        } catch (IllegalArgumentException e) {
            throw AppException.invalid("submissionKey", "The form is damaged; reload the page and try again.").localized(Msg::error_formDamaged);
        }
    }
}
