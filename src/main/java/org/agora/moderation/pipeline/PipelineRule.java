package org.agora.moderation.pipeline;

/** One step of the pre-moderation pipeline (as in Coral Talk): PUBLISH means "no objection from this rule". */
public interface PipelineRule {

    Verdict evaluate(Submission submission);
}
