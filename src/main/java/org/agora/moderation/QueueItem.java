package org.agora.moderation;

import java.time.Instant;
import java.util.List;

/** One comment in a moderation queue, in context: its question, its parent, its author's history and its reports. */
public record QueueItem(
        long id,
        String bodyHtml,
        String status,
        String moderationReason,
        Instant createdAt,
        int openReports,
        long questionId,
        String questionLabel,
        String questionText,
        String threadPath,
        String parentAuthor,
        String parentBodyHtml,
        AuthorHistory author,
        List<ReportView> reports) {

    /** What the author wrote before, by outcome, so a moderator can tell a first slip from a pattern. */
    public record AuthorHistory(String username, long published, long pending, long rejected, long removed, long sanctions) {
    }

    public record ReportView(String reporter, String reason, String note, Instant createdAt, boolean open) {
    }
}
