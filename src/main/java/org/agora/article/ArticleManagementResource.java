package org.agora.article;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.agora.member.CurrentMember;
import org.agora.web.AppException;
import org.agora.web.Flash;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The tutors' article pages: list with status actions, import (paste or upload), preview and edit, save as draft. */
@Path("/manage/articles")
@Produces(MediaType.TEXT_HTML)
public class ArticleManagementResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Article> articles);

        /** {@code preview} is null when the text could not be read; {@code error} then says why. */
        static native TemplateInstance preview(String text, ArticleManagement.Preview preview, String error);
    }

    @Inject
    ArticleManagement management;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.i18n.CurrentLanguage language;

    @GET
    public TemplateInstance index() {
        return Templates.index(management.all(currentMember.viewer()));
    }

    /** Shows what the importer detects in pasted text or an uploaded .txt/.md file (the file wins when both come). */
    @POST
    @Path("preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response preview(@RestForm String text, @RestForm("file") FileUpload file) {
        String source = text;
        try {
            if (file != null && file.size() > 0) {
                source = readText(file);
            }
            return Response.ok(Templates.preview(source, management.preview(currentMember.viewer(), source), null)).build();
        } catch (AppException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Response.status(400).entity(Templates.preview(source == null ? "" : source, null, e.detail(language.msg()))).build();
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("text") String text) {
        try {
            Article article = management.createDraft(currentMember.viewer(), text);
            return Flash.redirect("/manage/articles#a-" + article.slug, language.msg().flash_articleDraftSaved());
        } catch (AppException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(Templates.preview(text == null ? "" : text, null, e.detail(language.msg()))).build();
        }
    }

    @POST
    @Path("{slug}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response status(@PathParam("slug") String slug, @FormParam("status") String status) {
        Article article = management.setStatus(currentMember.viewer(), slug, status);
        return Flash.redirect("/manage/articles#a-" + article.slug, switch (article.status) {
            case Article.PUBLISHED -> language.msg().flash_articlePublished();
            case Article.DRAFT -> language.msg().flash_articleUnpublished();
            default -> language.msg().flash_articleArchived();
        });
    }

    /** The file's text: a .txt or .md file in UTF-8, within the size limit. */
    static String readText(FileUpload file) {
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".txt") && !name.endsWith(".md")) {
            throw AppException.invalid("file", "Upload a .txt or .md file.").localized(m -> org.agora.i18n.Languages.refusals(m).importFileType());
        }
        if (file.size() > ArticleManagement.MAX_TEXT * 4L) {
            throw AppException.invalid("file", "The file is too large for an article.").localized(m -> org.agora.i18n.Languages.refusals(m).importFileSize());
        }
        try {
            byte[] bytes = Files.readAllBytes(file.uploadedFile());
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString().replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw AppException.invalid("file", "The file is not UTF-8 text.").localized(m -> org.agora.i18n.Languages.refusals(m).importFileEncoding());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the uploaded file", e);
        }
    }
}
