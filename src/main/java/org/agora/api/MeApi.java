package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.agora.api.ApiViews.NotificationItem;
import org.agora.api.ApiViews.ReadInput;
import org.agora.api.ApiViews.Unread;
import org.agora.member.CurrentMember;
import org.agora.moderation.Notifications;
import org.agora.profile.ProfileService;
import jakarta.ws.rs.PUT;
import org.agora.web.AppException;

/** The caller's own things: notifications, and (see the account endpoints) their data. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeApi {

    /** The settings a member may change; every field is replaced (null clears the name and bio). */
    public record ProfileInput(String displayName, String bio, Boolean emailDigest) {
    }

    @Inject
    Notifications notifications;

    @Inject
    ProfileService profiles;

    @Inject
    org.agora.account.AccountService accounts;

    @Inject
    CurrentMember currentMember;

    /** The caller's latest 50 notifications, newest first. */
    @GET
    @Path("notifications")
    public List<NotificationItem> notifications() {
        return notifications.mine(currentMember.viewer()).stream().map(NotificationItem::of).toList();
    }

    /** How many notifications are unread: what the header shows, cheap enough to poll. */
    @GET
    @Path("notifications/unread")
    public Unread unread() {
        var viewer = currentMember.viewer();
        if (!viewer.signedIn()) {
            throw AppException.notSignedIn();
        }
        return new Unread(notifications.unreadCount(viewer));
    }

    /** Marks the listed notifications read, or all of them; answers the remaining unread count. */
    @POST
    @Path("notifications/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public Unread markRead(ReadInput input) {
        var viewer = currentMember.viewer();
        boolean all = input != null && Boolean.TRUE.equals(input.all());
        if (input == null || (!all && input.ids() == null)) {
            if (!viewer.signedIn()) {
                throw AppException.notSignedIn();
            }
            throw AppException.invalid("ids", "Send {\"ids\": [1, 2]} or {\"all\": true}.");
        }
        if (all) {
            notifications.markAllRead(viewer);
        } else {
            if (input.ids().stream().anyMatch(java.util.Objects::isNull)) {
                throw AppException.invalid("ids", "The ids must be numbers.");
            }
            notifications.markRead(viewer, input.ids());
        }
        return new Unread(notifications.unreadCount(viewer));
    }

    /** The caller's profile settings. */
    @GET
    @Path("profile")
    public ProfileService.Settings settings() {
        return profiles.settings(currentMember.viewer());
    }

    /** Changes the caller's display name, bio and digest choice. */
    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileService.Settings update(ProfileInput input) {
        if (input == null) {
            throw AppException.invalid("displayName", "Send {\"displayName\": …, \"bio\": …, \"emailDigest\": …}.");
        }
        return profiles.update(currentMember.viewer(), input.displayName(), input.bio(), Boolean.TRUE.equals(input.emailDigest()));
    }

    /** Everything Agora holds about the caller, as one JSON document. The export is audited. */
    @GET
    @Path("export")
    public java.util.Map<String, Object> export() {
        return accounts.export(currentMember.viewer());
    }

    /**
     * Deletes the caller's account: comments stay, signed "[deleted member]"; votes, reactions, reports, follows and
     * notifications go, with every tally corrected. Each step is audited. 204 when done.
     */
    @jakarta.ws.rs.DELETE
    public jakarta.ws.rs.core.Response delete() {
        accounts.delete(currentMember.viewer());
        return jakarta.ws.rs.core.Response.noContent().build();
    }
}
