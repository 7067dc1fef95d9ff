-- Sessions that signed out. A browser's session is an encrypted cookie (no server-side state), so without this
-- list a copy of the cookie taken before sign-out would keep working until its tokens expire. Every replica
-- checks this table, keyed by Keycloak's session id (the tokens' "sid" claim), on each signed-in request.
-- Forward-only: never edit a migration that has landed; add a new one.

create table signed_out_session (
    sid            varchar(255) primary key,
    signed_out_at  timestamptz  not null default now(),
    -- after this no token of the session can be valid any more (Keycloak's SSO session max lifespan has passed),
    -- so the row may be deleted
    expires_at     timestamptz  not null
);
create index signed_out_session_expiry_idx on signed_out_session (expires_at);

-- Replies nest at most 50 levels deep (Comment.MAX_DEPTH); the service refuses deeper ones with a clear message.
alter table comment add constraint comment_depth_limit check (depth <= 50);
