package org.agora.moderation;

/** How many comments wait in each queue, for the moderators' navigation. */
public record QueueCounts(long reported, long pending, long rejected) {

    public long waiting() {
        return reported + pending;
    }
}
