package org.agora.i18n;

import static io.restassured.RestAssured.given;
import static org.agora.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The German pages really are German: headings, controls, counts, times and error pages, not just {@code lang="de"}. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class GermanPagesTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void theArticlePageSpeaksGerman() {
        Document article = page("/articles/" + Api.SEED_SLUG, 200);
        assertThat(article.select("html").attr("lang")).isEqualTo("de");
        assertThat(article.select("#questions-heading").text()).isEqualTo("Fragen, die dieser Artikel stellt");
        assertThat(article.select(".byline").text()).startsWith("Von ").contains("11 Min. Lesezeit");
        assertThat(article.select("#reactions-heading").text()).isEqualTo("Wie reagierst du?");
        assertThat(article.select("#reactions .reaction .kind").eachText())
                .containsExactly("gefällt mir", "gefällt mir nicht", "toll", "lustig", "ärgerlich", "traurig", "erstaunlich");
        assertThat(article.select("#reactions a").text()).isEqualTo("Melde dich an, um zu reagieren");
        assertThat(article.select(".questions .counts").eachText()).allMatch(t -> t.matches("\\d+ Antworte?n? · Bewertung -?\\d+"));
    }

    @Test
    void theThreadPageSpeaksGermanWithRelativeTimes() {
        long whyNow = Api.questionId("Why now?");
        as("alice").body(Map.of("body", "Eine Antwort, um die Zeit zu sehen.")).post("/api/questions/" + whyNow + "/comments")
                .then().statusCode(201);
        Document thread = page("/articles/" + Api.SEED_SLUG + "/questions/" + whyNow, 200);
        assertThat(thread.select("#thread-heading").text()).isEqualTo("Antworten");
        assertThat(thread.select("nav.sort a").eachText()).containsExactly("beste", "meiste Stimmen", "neueste", "älteste", "umstrittenste");
        assertThat(thread.select("nav.sort a").eachAttr("href")).contains("?sort=best", "?sort=controversial");
        assertThat(thread.select(".answer a").text()).isEqualTo("Melde dich an, um zu antworten");
        Element time = thread.select(".comment .meta time").first();
        assertThat(time).isNotNull();
        assertThat(time.attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(time.text()).matches("gerade eben|vor \\d+ (Minuten?|Stunden?|Tagen?)|\\d.*");
        assertThat(time.attr("title")).endsWith("UTC").doesNotContain("AM", "PM");
        assertThat(thread.select(".comment .score").eachText()).allMatch(t -> t.matches("-?\\d+ Punkte?"));
    }

    @Test
    void errorPagesSpeakGermanToo() {
        Document missing = page("/articles/gibt-es-nicht", 404);
        assertThat(missing.select("h1").text()).isEqualTo("Nicht gefunden");
        assertThat(missing.select(".error-detail").text()).isEqualTo("Diesen Artikel gibt es nicht.");
        Document unknown = page("/gibt/es/nicht", 404);
        assertThat(unknown.select("html").attr("lang")).isEqualTo("de");
        assertThat(unknown.select(".error-detail").text()).isEqualTo("Unter dieser Adresse gibt es nichts.");
        assertThat(unknown.select("main a[href=/]").text()).isEqualTo("Zurück zu den Artikeln");
    }

    @Test
    void formsAnswerInGermanToo() {
        long whyNow = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + whyNow;
        Session carol = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(thread, StandardCharsets.UTF_8), "carol", "carol");
        Page german = carol.submit("form.language-switch", Map.of("lang", "de"));
        assertThat(german.uri().getPath()).isEqualTo(thread);

        Page refused = carol.submit(german, "section.answer form", Map.of("body", "   "));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select("html").attr("lang")).isEqualTo("de");
        assertThat(refused.document().select("#answer-error").text()).isEqualTo("Schreib zuerst etwas: Ein Kommentar darf nicht leer sein.");

        Page posted = carol.submit(carol.get(thread), "section.answer form", Map.of("body", "Weil sich die Lage im Pazifik verändert hat."));
        assertThat(posted.document().select(".flash").text()).isEqualTo("Deine Antwort ist veröffentlicht.");
    }

    @Test
    void searchAndImportRefusalsSpeakGermanToo() {
        Document search = page("/search?q=Krieg&from=31.03.2026", 400);
        assertThat(search.select("#search-error").text()).isEqualTo("Datumsangaben werden wie 2026-03-31 geschrieben.");
        Session tutor = BrowserlessLogin.signIn(base(), "/login?redirect=/manage/articles", "tutor", "tutor");
        Page german = tutor.submit("form.language-switch", Map.of("lang", "de"));
        String csrf = german.document().select("form.import-form input[name=csrf-token]").attr("value");
        assertThat(csrf).isNotEmpty();
        Page refused = tutor.post("/manage/articles", Map.of("text", " ", "csrf-token", csrf));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select("#preview-error").text())
                .isEqualTo("Füge den Text des Artikels ein oder wähle eine .txt- oder .md-Datei.");
        // the JSON API's detail stays English, as for every refusal
        given().header("Accept-Language", "de").get("/api/search?q=Krieg&from=31.03.2026").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.equalTo("Dates are written like 2026-03-31."));
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Document page(String path, int status) {
        Response response = given().header("Accept-Language", "de-DE,de;q=0.9").get(path);
        assertThat(response.statusCode()).isEqualTo(status);
        return Jsoup.parse(response.asString());
    }
}
