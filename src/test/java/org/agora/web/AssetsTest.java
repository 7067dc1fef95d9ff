package org.agora.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.util.List;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The front end's files: content-hashed URLs in every page, cached for a year as immutable, sent compressed. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class AssetsTest {

    private static List<String> assetUrls() {
        Document page = Jsoup.parse(given().get("/articles/" + Api.SEED_SLUG).then().statusCode(200).extract().asString());
        List<String> urls = new java.util.ArrayList<>(page.select("link[rel=stylesheet]").eachAttr("href"));
        urls.addAll(page.select("script[src]").eachAttr("src"));
        return urls;
    }

    @Test
    void pagesLoadTheStylesheetAndOneModuleUnderTheCurrentVersion() {
        List<String> urls = assetUrls();
        assertThat(urls).containsExactly("/assets/" + Assets.VERSION + "/css/agora.css", "/assets/" + Assets.VERSION + "/js/agora.js");
        Document page = Jsoup.parse(given().get("/articles/" + Api.SEED_SLUG).then().extract().asString());
        assertThat(page.select("script[src]").attr("type")).isEqualTo("module");
    }

    @Test
    void theCurrentVersionIsImmutableAndCompressed() {
        for (String url : assetUrls()) {
            given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                    .header("Accept-Encoding", "br")
                    .get(url).then().statusCode(200)
                    .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                    .header("Content-Encoding", equalTo("br"));
            given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                    .header("Accept-Encoding", "gzip")
                    .get(url).then().statusCode(200)
                    .header("Content-Encoding", equalTo("gzip"));
        }
        // the modules agora.js imports resolve under the same version
        given().get("/assets/" + Assets.VERSION + "/js/live.js").then().statusCode(200)
                .header("Content-Type", startsWith("text/javascript"));
    }

    @Test
    void anotherVersionIsServedButNotCachedAndUnknownFilesAre404() {
        given().get("/assets/0123456789ab/css/agora.css").then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
        given().get("/assets/" + Assets.VERSION + "/js/nothing.js").then().statusCode(404);
        given().get("/assets/" + Assets.VERSION + "/../application.properties").then().statusCode(404);
    }
}
