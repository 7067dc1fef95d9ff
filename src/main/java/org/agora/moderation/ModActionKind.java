package org.agora.moderation;

import java.util.Locale;

/** Every kind of moderator action the audit log records. */
public enum ModActionKind {
    APPROVE, REJECT, REMOVE, RESTORE, PIN, UNPIN,
    LOCK, UNLOCK, HIDE, SHOW, EDIT_QUESTION,
    WARN, SUSPEND, BAN,
    EDIT_WORDS,
    CREATE_SEMINAR, ROTATE_CODE, REMOVE_MEMBER, ARCHIVE, FREEZE, UNFREEZE, REVEAL, SET_CLAIM,
    // a member's own data rights (the member is the actor): export, and each step of deleting their account
    EXPORT_DATA, DELETE_VOTES, DELETE_REACTIONS, WITHDRAW_REPORTS, DELETE_NOTIFICATIONS, ANONYMISE_COMMENTS, DELETE_ACCOUNT,
    // the deleted member's Keycloak user is gone (account/KeycloakDeletions, after the account's deletion committed)
    DELETE_KEYCLOAK_USER,
    // tutors' and admins' article management
    IMPORT_ARTICLE, PUBLISH_ARTICLE, UNPUBLISH_ARTICLE, ARCHIVE_ARTICLE,
    // a seminar tutor's announcement to the members
    ANNOUNCE;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when unknown. */
    public static ModActionKind parse(String value) {
        return Codes.parse(ModActionKind.class, value);
    }
}
