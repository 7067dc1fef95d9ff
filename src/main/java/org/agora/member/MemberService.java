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

    /**
     * Returns the member id for an OIDC subject, creating or renaming the row as needed.
     * The upsert makes two first requests of a new member, landing on two replicas at once, agree on one row.
     */
    /** For members known without an e-mail address (tests, tools). */
    @Transactional
    public long memberIdFor(String subject, String username, String displayName) {
        return memberIdFor(subject, username, displayName, null);
    }

    @Transactional
    public long memberIdFor(String subject, String username, String displayName, String email) {
        Member known = Member.findBySubject(subject).orElse(null);
        if (known != null && known.username.equals(username) && known.displayName.equals(displayName)
                && java.util.Objects.equals(known.email, email)) {
            return known.id;
        }
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
