package org.agora.moderation.pipeline;

import java.util.List;

/**
 * Runs the rules in order. A refusal wins over everything; otherwise the first hold decides. Staff comments
 * are never held (a moderator reviewing their own words would be theatre), but banned words still refuse them.
 */
public record Pipeline(List<PipelineRule> rules) {

    public Verdict evaluate(Submission submission) {
        Verdict hold = null;
        for (PipelineRule rule : rules) {
            Verdict verdict = rule.evaluate(submission);
            if (verdict.outcome() == Verdict.Outcome.REFUSE) {
                return verdict;
            }
            if (verdict.outcome() == Verdict.Outcome.HOLD && hold == null) {
                hold = verdict;
            }
        }
        return hold == null || submission.authorIsStaff() ? Verdict.PUBLISH : hold;
    }
}
