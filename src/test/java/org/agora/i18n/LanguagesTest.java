package org.agora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void aRememberedChoiceWinsOverTheBrowser() {
        assertThat(Languages.choose("de", "en-GB,en;q=0.9").tag()).isEqualTo("de");
        assertThat(Languages.choose("en", "de-DE").tag()).isEqualTo("en");
    }

    @Test
    void withoutAChoiceTheBrowsersPreferenceCountsByWeight() {
        assertThat(Languages.choose(null, "de-CH, en;q=0.5").tag()).isEqualTo("de");
        assertThat(Languages.choose(null, "fr, en;q=0.3, de;q=0.8").tag()).isEqualTo("de");
        assertThat(Languages.choose(null, "fr, ja").tag()).isEqualTo("en");
        assertThat(Languages.choose(null, "de;q=0, en;q=0.1").tag()).isEqualTo("en");
    }

    @Test
    void junkFallsBackToEnglish() {
        assertThat(Languages.choose("xx", null).tag()).isEqualTo("en");
        assertThat(Languages.choose("", "").tag()).isEqualTo("en");
        assertThat(Languages.choose("<script>", ";;;q=abc,").tag()).isEqualTo("en");
        assertThat(Languages.choose("d".repeat(5000), "de".repeat(1000)).tag()).isEqualTo("en");
    }
}
