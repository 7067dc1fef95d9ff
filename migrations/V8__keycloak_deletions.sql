-- Deleting an account deletes the member's Keycloak user too. Keycloak is another system, so the deletion can't
-- share the app's transaction: the app-side deletion commits together with a row here ("delete Keycloak user
-- SUBJECT"), and account/KeycloakDeletions deletes the user right after the commit and removes the row; when
-- Keycloak is down the row stays and a scheduled job retries it, with a growing pause, until Keycloak confirms.
-- Forward-only: never edit a migration that has landed; add a new one.

create table keycloak_deletion (
    id               bigserial    primary key,
    member_id        bigint       not null references member (id),
    subject          varchar(255) not null unique,   -- the Keycloak user id (the member's former OIDC subject)
    created_at       timestamptz  not null default now(),
    attempts         integer      not null default 0,
    last_error       varchar(500),
    next_attempt_at  timestamptz  not null default now()
);
create index keycloak_deletion_due_idx on keycloak_deletion (next_attempt_at);

-- Subjects whose tokens are no longer accepted: a deleted member's sessions end on every replica at once, whichever
-- session (device) a token belongs to. Kept until no token issued before the Keycloak user was deleted can be valid
-- (SignedOutSessions.RETENTION after the deletion); refreshed while the Keycloak deletion is pending.
create table revoked_subject (
    subject     varchar(255) primary key,
    revoked_at  timestamptz  not null default now(),
    expires_at  timestamptz  not null
);
create index revoked_subject_expiry_idx on revoked_subject (expires_at);
