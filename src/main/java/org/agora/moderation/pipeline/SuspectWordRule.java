package org.agora.moderation.pipeline;

import org.agora.moderation.WordMatcher;

/** A comment containing a suspect word is held for a moderator to look at. */
public record SuspectWordRule(WordMatcher suspect) implements PipelineRule {

    @Override
    public Verdict evaluate(Submission submission) {
        return suspect.firstMatch(submission.text()).isPresent() ? Verdict.hold("suspect_word") : Verdict.PUBLISH;
    }
}
