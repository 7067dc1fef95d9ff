package org.agora.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.agora.testing.AgoraStack;
import org.agora.testing.AtOnce;
import org.junit.jupiter.api.Test;

/**
 * A new member's first requests often come at once (an app's parallel calls, a page and its scripts): they must all
 * get the same member, never an error. The upsert alone could fail on the username's unique index when two inserts
 * of the same new member raced (ConcurrentMembersTest saw a 500 in CI, November 29). The race needs both inserts
 * inside a window of microseconds, so this test makes many and can only fail when it hits one.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class MemberServiceTest {

    private static final int THREADS = 16;
    private static final int ROUNDS = 60;

    @Inject
    MemberService members;

    @Test
    void firstRequestsOfANewMemberAtOnceAgreeOnOneRow() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String subject = UUID.randomUUID().toString();
            String username = "new-" + subject.substring(0, 8);
            Callable<Long> firstRequest = () -> members.memberIdFor(subject, username, "New Member", username + "@example.org");
            // any failure is rethrown here
            List<Long> ids = AtOnce.run(Collections.nCopies(THREADS, firstRequest), THREADS);
            assertThat(new HashSet<>(ids)).as("round %d", round).hasSize(1);
        }
    }
}
