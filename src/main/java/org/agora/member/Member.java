package org.agora.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.Optional;

/** A person's local profile, keyed by the OIDC subject so a renamed Keycloak user stays the same member. */
@Entity
public class Member extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String subject;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<Member> findBySubject(String subject) {
        return find("subject", subject).firstResultOptional();
    }

    public static Optional<Member> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
