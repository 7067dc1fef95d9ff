package org.agora.question;

/** A question as listed on its article: label, exact score and published comment count. */
public record QuestionSummary(long id, int position, String kind, String label, String text, int score, int commentCount) {

    public static QuestionSummary of(Question q) {
        return new QuestionSummary(q.id, q.position, q.kind, q.label, q.text, q.score(), q.commentCount);
    }
}
