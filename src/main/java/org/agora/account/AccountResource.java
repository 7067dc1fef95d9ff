package org.agora.account;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.agora.member.CurrentMember;
import org.agora.web.Flash;

/** The data-rights forms of the settings page: download my data, delete my account. */
// at the root like ProfileResource (/me/settings): REST matching picks the longest class path and never backtracks
@Path("/")
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.i18n.CurrentLanguage language;

    /** The export as a JSON file download (a GET: reading one's data changes nothing but the audit log). */
    @GET
    @Path("me/export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        Map<String, Object> data = accounts.export(currentMember.viewer());
        return Response.ok(data).header("Content-Disposition", "attachment; filename=\"agora-export.json\"").build();
    }

    /** Deletes the account once the person typed their username; then ends the session. */
    @POST
    @Path("me/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response delete(@FormParam("confirm") String confirm) {
        var viewer = currentMember.viewer();
        if (viewer.signedIn() && (confirm == null || !confirm.strip().equals(viewer.username()))) {
            return Flash.redirect("/me/settings", language.msg().flash_accountNotDeleted());
        }
        accounts.delete(viewer);
        // the identity provider's session cookie would otherwise sign the person straight into a new empty account
        NewCookie endSession = new NewCookie.Builder("q_session").value("").path("/").maxAge(0).httpOnly(true).build();
        Response redirect = Flash.redirect("/", language.msg().flash_accountDeleted());
        return Response.fromResponse(redirect).cookie(endSession).build();
    }
}
