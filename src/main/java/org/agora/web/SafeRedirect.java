package org.agora.web;

/** Keeps "return to" addresses on this site, so a crafted link cannot bounce a signed-in user elsewhere. */
public final class SafeRedirect {

    private SafeRedirect() {
    }

    /** The path itself when it is a plain local path, otherwise "/". */
    public static String localPath(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2000
                || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
            return "/";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        return candidate;
    }
}
