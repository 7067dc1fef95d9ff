package org.agora.vote;

import java.time.Instant;

/** Something votes can rank, such as a comment. */
public interface Ranked {

    long id();

    int ups();

    int downs();

    Instant createdAt();
}
