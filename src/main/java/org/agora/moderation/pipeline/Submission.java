package org.agora.moderation.pipeline;

/**
 * What the pre-moderation pipeline knows about a new comment: its text, the article's setting, how many
 * comments the author wrote before, and whether the author is staff (whose comments are never held).
 */
public record Submission(String text, boolean articlePremoderated, long authorPriorComments, boolean authorIsStaff) {
}
