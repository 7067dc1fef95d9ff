package org.agora.seminar;

import java.util.Locale;
import org.agora.web.AppException;

/** A seminar answer's position on the question's premise, or on the claim the tutor wrote for it. */
public enum Stance {
    AGREE("agree"), DISAGREE("disagree"), DEPENDS("depends");

    private final String db;

    Stance(String db) {
        this.db = db;
    }

    public String db() {
        return db;
    }

    /** Null for no stance (blank); 400 naming the choices for anything unknown. */
    public static Stance parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Stance s : values()) {
            if (s.db.equals(v) || (s == DEPENDS && v.equals("it-depends"))) {
                return s;
            }
        }
        throw AppException.invalid("stance", "The stance must be one of agree, disagree, depends.");
    }
}
