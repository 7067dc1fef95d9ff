package org.agora.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Keeps the local member row in step with the identity provider's claims. */
@ApplicationScoped
public class MemberService {

    @Inject
    EntityManager em;

    /** For members known without an e-mail address (tests, tools). */
    @Transactional
    public long memberIdFor(String subject, String username, String displayName) {
        return memberIdFor(subject, username, displayName, null);
    }

    /**
     * Returns the member id for an OIDC subject, creating or renaming the row as needed. Two first requests of a new
     * member, on one replica or two at once, agree on one row (MemberServiceTest).
     */
    @Transactional
    public long memberIdFor(String subject, String username, String displayName, String email) {
        Member known = Member.findBySubject(subject).orElse(null);
        if (known != null && known.username.equals(username) && known.displayName.equals(displayName)
                && java.util.Objects.equals(known.email, email)) {
            return known.id;
        }
        // Two first requests of a new member at once must agree on one row. The upsert alone doesn't do it: its
        // ON CONFLICT covers the subject, but the username is unique too, and a concurrent insert of the same
        // username fails on that index instead of updating. So requests for one subject take turns here, until commit.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:subject, 0))")
                .setParameter("subject", subject).getSingleResult();
        Number id = (Number) em.createNativeQuery("""
                insert into member (subject, username, display_name, email) values (:subject, :username, :displayName, :email)
                on conflict (subject) do update
                    set username = excluded.username, display_name = excluded.display_name, email = excluded.email
                returning id""")
                .setParameter("email", email)
                .setParameter("subject", subject)
                .setParameter("username", username)
                .setParameter("displayName", displayName)
                .getSingleResult();
        return id.longValue();
    }
}
