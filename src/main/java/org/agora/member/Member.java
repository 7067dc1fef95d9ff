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

    /** A name the person chose on their profile; when null, the identity provider's display name shows. */
    @Column(name = "chosen_name")
    public String chosenName;

    /** A short plain-text bio, shown on the profile page. */
    @Column(name = "bio")
    public String bio;

    /** From the identity provider's "email" claim; used only for opted-in notification digests. */
    @Column(name = "email")
    public String email;

    @Column(name = "email_digest", nullable = false)
    public boolean emailDigest;

    /** Set when the person deleted their account: the row stays as the author of "[deleted member]" comments. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The name shown to others. */
    public String shownName() {
        return deletedAt != null ? DELETED_NAME : chosenName != null ? chosenName : displayName;
    }

    public static final String DELETED_NAME = "[deleted member]";

    public static Optional<Member> findBySubject(String subject) {
        return find("subject", subject).firstResultOptional();
    }

    public static Optional<Member> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
