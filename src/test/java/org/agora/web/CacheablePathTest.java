package org.agora.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which paths the page cache considers ({@link PageCache#cacheablePath}): exactly those the regular expressions it
 * used before name, which stay here as the specification.
 */
class CacheablePathTest {

    private static final Pattern ARTICLE = Pattern.compile("^/articles/[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern THREAD = Pattern.compile("^/articles/[a-z0-9]+(-[a-z0-9]+)*/questions/[0-9]{1,18}$");

    private static final List<String> PATHS = List.of(
            "/", "", "//", "/articles", "/articles/", "/articles//", "/articles/a", "/articles/0", "/articles/a-b",
            "/articles/why-is-nato-expanding-its-reach-to-the-asia-pacific-region", "/articles/a--b", "/articles/-a",
            "/articles/a-", "/articles/-", "/articles/A", "/articles/a_b", "/articles/a.b", "/articles/ä",
            "/articles/a/", "/articles/a b", "/articles/a%2Fb", "/articles/a/questions", "/articles/a/questions/",
            "/articles/a/questions/1", "/articles/a-b/questions/42", "/articles/a/questions/123456789012345678",
            "/articles/a/questions/1234567890123456789", "/articles/a/questions/-1", "/articles/a/questions/1/",
            "/articles/a/questions/1a", "/articles/a/questions/1/questions/2", "/articles/a/question/1",
            "/articles/-a/questions/1", "/articles/a--b/questions/1", "/articles//questions/1", "/Articles/a",
            "/articles/a/questionsx1", "/api/articles/a", "/articles/a\n", "/articles/a/questions/１",
            "/x/articles/a", "/articles/a/questions/0");

    @Test
    void namesTheSamePagesAsTheRegularExpressions() {
        for (String path : PATHS) {
            int expected = "/".equals(path) || ARTICLE.matcher(path).matches() ? PageCache.LIST_OR_ARTICLE_PAGE
                    : THREAD.matcher(path).matches() ? PageCache.THREAD_PAGE : PageCache.NOT_CACHEABLE;
            assertThat(PageCache.cacheablePath(path)).as(path).isEqualTo(expected);
        }
        assertThat(PageCache.cacheablePath(null)).isEqualTo(PageCache.NOT_CACHEABLE);
        // the list covers every answer
        assertThat(PATHS.stream().map(PageCache::cacheablePath).distinct()).hasSize(3);
    }
}
