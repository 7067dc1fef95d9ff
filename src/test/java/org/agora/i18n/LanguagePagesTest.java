package org.agora.i18n;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.Map;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The pages speak the visitor's language: chosen in the header and remembered, else the browser's. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class LanguagePagesTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void withoutPreferenceThePagesAreEnglish() {
        Document home = get("/", null, null);
        assertThat(home.select("html").attr("lang")).isEqualTo("en");
        assertThat(home.select(".skip-link").text()).isEqualTo("Skip to content");
    }

    @Test
    void aGermanBrowserGetsGermanPages() {
        Document home = get("/", "de-DE,de;q=0.9,en;q=0.5", null);
        assertThat(home.select("html").attr("lang")).isEqualTo("de");
        assertThat(home.select(".skip-link").text()).isEqualTo("Zum Inhalt springen");
        assertThat(home.select(".site-nav a[href^=/login]").text()).isEqualTo("Anmelden");
        assertThat(home.select(".site-footer").text()).isEqualTo("Agora: genau lesen, freundlich streiten.");
    }

    @Test
    void pagesDeclareTheirLanguageAndWhatItDependsOn() {
        Response german = given().header("Accept-Language", "de").get("/");
        assertThat(german.header("Content-Language")).isEqualTo("de");
        assertThat(german.header("Vary")).contains("Accept-Language", "Cookie");
        assertThat(given().get("/").header("Content-Language")).isEqualTo("en");
    }

    @Test
    void theRememberedChoiceWinsOverTheBrowser() {
        assertThat(get("/", "de", "en").select("html").attr("lang")).isEqualTo("en");
        assertThat(get("/", "en-US", "de").select("html").attr("lang")).isEqualTo("de");
        assertThat(get("/", "en-US", "klingon").select("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void theSwitcherRemembersTheChoiceAndReturnsToThePage() {
        Session visitor = BrowserlessLogin.open(base());
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + Api.questionId("Why now?");
        Page english = visitor.get(thread);
        assertThat(english.document().select("html").attr("lang")).isEqualTo("en");
        assertThat(english.document().select("form.language-switch button[aria-pressed=true]").text()).isEqualTo("English");

        Page german = visitor.submit(english, "form.language-switch", Map.of("lang", "de"));
        assertThat(german.redirects()).hasSize(1);
        assertThat(german.redirects().get(0).status()).isEqualTo(303);
        assertThat(german.uri().getPath()).isEqualTo(thread);
        assertThat(german.document().select("html").attr("lang")).isEqualTo("de");
        assertThat(german.document().select("form.language-switch button[aria-pressed=true]").text()).isEqualTo("Deutsch");
        Page home = visitor.get("/");
        assertThat(home.document().select(".skip-link").text()).isEqualTo("Zum Inhalt springen");

        Page back = visitor.submit(home, "form.language-switch", Map.of("lang", "en"));
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.document().select("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void theSwitchNeedsTheFormsCsrfTokenAndAKnownLanguage() {
        given().contentType("application/x-www-form-urlencoded").formParam("lang", "de").redirects().follow(false)
                .post("/language").then().statusCode(400);
        Session visitor = BrowserlessLogin.open(base());
        Page home = visitor.get("/");
        Page refused = visitor.submit(home, "form.language-switch", Map.of("lang", "xx"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(visitor.get("/").document().select("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void theSwitchNeverSendsAnywhereElse() {
        Session visitor = BrowserlessLogin.open(base());
        Page home = visitor.get("/");
        Page after = visitor.submit(home, "form.language-switch", Map.of("lang", "de", "return", "//evil.example/"));
        assertThat(after.uri().getHost()).isEqualTo(app.getHost());
        assertThat(after.uri().getPath()).isEqualTo("/");
    }

    private Document get(String path, String acceptLanguage, String cookie) {
        var spec = given();
        if (acceptLanguage != null) {
            spec = spec.header("Accept-Language", acceptLanguage);
        }
        if (cookie != null) {
            spec = spec.cookie(CurrentLanguage.COOKIE, cookie);
        }
        Response response = spec.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.asString());
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
