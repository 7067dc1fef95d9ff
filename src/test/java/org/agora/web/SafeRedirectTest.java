package org.agora.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeRedirectTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "/articles/x, /articles/x",
            "/articles/x/questions/3?sort=new, /articles/x/questions/3?sort=new",
            "NULL, /",
            "'', /",
            "https://evil.example/, /",
            "//evil.example/, /",
            "/\\evil.example, /",
            "javascript:alert(1), /",
            "'/ok\r\nSet-Cookie: x=1', /",
            "'/logout¿''\"(', /",                 // not a valid URI: wapiti's payload once answered 500
            "'/logout`,sleep(7)#1', /"})
    void keepsOnlyLocalPaths(String candidate, String expected) {
        assertThat(SafeRedirect.localPath(candidate)).isEqualTo(expected);
    }
}
