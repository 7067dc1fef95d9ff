package org.agora.moderation.pipeline;

/** An article set to pre-moderation holds every new comment for review. */
public record ArticlePremoderationRule() implements PipelineRule {

    @Override
    public Verdict evaluate(Submission submission) {
        return submission.articlePremoderated() ? Verdict.hold("premoderation") : Verdict.PUBLISH;
    }
}
