package org.agora.vote;

/** A target's exact vote counts after a change, with the voter's own vote (-1, 0 or 1). */
public record VoteTally(int score, int ups, int downs, int myVote) {

    public static VoteTally of(int ups, int downs, int myVote) {
        return new VoteTally(ups - downs, ups, downs, myVote);
    }
}
