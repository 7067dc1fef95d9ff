package org.agora.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Serialises one person's concurrent writes to their votes and reactions, so "read my previous vote, then
 * change it and the counters" cannot interleave with itself (a double click, two tabs). Different people never
 * wait for each other here. FOR NO KEY UPDATE leaves foreign-key checks that reference the member unblocked. Votes
 * take the same lock inside their first statement ({@code VoteService}); whoever also counts a rate limit takes this
 * lock first, then the rate-limit row, as account deletion does.
 */
@ApplicationScoped
public class MemberLocks {

    @Inject
    EntityManager em;

    /** Must be called inside a transaction; the lock lasts until it ends. */
    public void lock(long memberId) {
        em.createNativeQuery("select id from member where id = :id for no key update")
                .setParameter("id", memberId)
                .getResultList();
    }
}
