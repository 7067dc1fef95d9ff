package org.agora.moderation.pipeline;

import org.agora.moderation.WordMatcher;

/** A comment containing a banned word is refused at once, for everyone, staff included. */
public record BannedWordRule(WordMatcher banned) implements PipelineRule {

    @Override
    public Verdict evaluate(Submission submission) {
        return banned.firstMatch(submission.text())
                .map(Verdict::refuseWord)
                .orElse(Verdict.PUBLISH);
    }
}
