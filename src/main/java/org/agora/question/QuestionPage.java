package org.agora.question;

import java.util.List;
import org.agora.article.Article;
import org.agora.comment.CommentView;
import org.agora.comment.ThreadPage;

/** A question's thread page, prepared for one viewer. */
public record QuestionPage(
        Article article,
        QuestionSummary question,
        int myVote,
        ThreadPage thread,
        String sort,
        boolean canComment,
        boolean canVote,
        boolean locked,
        boolean hidden,
        boolean canModerate,
        String restriction) {

    /** The comments this page shows, in display order. */
    public List<CommentView> comments() {
        return thread.comments();
    }

    /** The sort orders a reader can pick, in menu order. */
    public List<String> sorts() {
        return java.util.Arrays.stream(org.agora.vote.CommentSort.values()).map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** The question actions a moderator can take now: the opposite of its current lock and visibility. */
    public List<String> questionActions() {
        return List.of(locked ? "unlock" : "lock", hidden ? "show" : "hide");
    }

    /** Where the thread's answer and reply forms post. */
    public String commentsAction() {
        return "/articles/" + article.slug + "/questions/" + question.id() + "/comments";
    }

    public boolean upvoted() {
        return myVote == 1;
    }

    public boolean downvoted() {
        return myVote == -1;
    }
}
