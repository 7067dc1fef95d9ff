package org.agora.seminar;

import java.util.Locale;
import org.agora.web.AppException;

/** A seminar answer's position on the question's premise, or on the claim the tutor wrote for it. */
public enum Stance {
    AGREE("agree", "Agree"), DISAGREE("disagree", "Disagree"), DEPENDS("depends", "It depends");

    private final String db;
    private final String label;

    Stance(String db, String label) {
        this.db = db;
        this.label = label;
    }

    public String db() {
        return db;
    }

    public String label() {
        return label;
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

    public static Stance fromDb(String value) {
        if (value == null) {
            return null;
        }
        for (Stance s : values()) {
            if (s.db.equals(value)) {
                return s;
            }
        }
        throw new IllegalStateException("Unknown stance " + value);
    }
}
