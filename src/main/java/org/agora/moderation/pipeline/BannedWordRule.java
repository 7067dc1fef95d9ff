package org.agora.moderation.pipeline;

import org.agora.moderation.WordMatcher;

/** A comment containing a banned word is refused at once, for everyone, staff included. */
public record BannedWordRule(WordMatcher banned) implements PipelineRule {

    @Override
    public Verdict evaluate(Submission submission) {
        return banned.firstMatch(submission.text())
                .map(word -> Verdict.refuse("Your comment contains a word that is not allowed here (\"" + word
                        + "\"). Please rephrase it."))
                .orElse(Verdict.PUBLISH);
    }
}
