package org.agora.comment;

import java.util.List;

/**
 * The part of a question's thread one page shows. Short threads show whole ({@code pages == 1}). Long threads show
 * {@link CommentService#ANSWERS_PER_PAGE} answers per page, each with its first replies a few levels deep; every
 * comment with more replies than shown carries {@link CommentView#moreReplies()} and links to its branch. A branch
 * page ({@code branch != null}) shows one comment with its replies the same way.
 *
 * @param answers the number of answers (top-level comments) the viewer can see
 * @param branchParent the parent of the branch's comment, for a link up; null for an answer or no branch
 */
public record ThreadPage(List<CommentView> comments, int page, int pages, int answers, Long branch, Long branchParent) {

    public boolean paged() {
        return pages > 1;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public int previousPage() {
        return page - 1;
    }

    public int nextPage() {
        return page + 1;
    }
}
