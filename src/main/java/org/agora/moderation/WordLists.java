package org.agora.moderation;

import java.util.List;

/** The two word lists moderators manage: banned words refuse a comment, suspect words hold it. */
public record WordLists(List<String> banned, List<String> suspect) {
}
