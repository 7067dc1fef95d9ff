package org.agora.i18n;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * Refusals of the search and article-import forms, in the reader's language ({@code messages/refuse*.properties}).
 * A bundle of its own because {@link Msg} is near the size at which Quarkus 3.33's generated resolver fails bytecode
 * verification. Services attach them like Msg texts: {@code .localized(m -> Languages.refusals(m).searchEmpty())}.
 * The JSON API keeps the English detail, as for every refusal.
 */
@MessageBundle("refuse")
public interface RefusalMsg {

    String searchEmpty();

    String searchTooLong(int max);

    String searchCharacters();

    String searchPage();

    String searchDates();

    String searchDateFormat();

    String importEmpty();

    String importTooLong(int max);

    String importExists(String title);

    String importStatus();

    String importFileType();

    String importFileSize();

    String importFileEncoding();
}
