package org.agora.moderation.pipeline;

/** A new member's first {@code heldComments} comments are held for review; 0 turns the rule off. */
public record NewMemberRule(int heldComments) implements PipelineRule {

    @Override
    public Verdict evaluate(Submission submission) {
        return submission.authorPriorComments() < heldComments ? Verdict.hold("new_member") : Verdict.PUBLISH;
    }
}
