package org.agora.moderation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.agora.i18n.CurrentLanguage;
import org.agora.member.CurrentMember;
import org.agora.web.Flash;

/** What moderators tell a member: their notifications, and acknowledging a warning. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class NoticeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notifications(List<Notifications.Notification> items);
    }

    @Inject
    Notifications notifications;

    @Inject
    SanctionService sanctions;

    @Inject
    CurrentMember currentMember;

    @Inject
    CurrentLanguage language;

    @GET
    @Path("notifications")
    public TemplateInstance notifications() {
        return Templates.notifications(notifications.mine(currentMember.viewer()));
    }

    @POST
    @Path("notifications/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response markRead() {
        notifications.markAllRead(currentMember.viewer());
        return Flash.redirect("/notifications", language.msg().flash_notificationsRead());
    }

    @POST
    @Path("warnings/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") long id) {
        sanctions.acknowledge(currentMember.viewer(), id);
        return Flash.redirect("/", language.msg().flash_warningAcknowledged());
    }
}
