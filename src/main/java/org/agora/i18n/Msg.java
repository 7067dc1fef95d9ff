package org.agora.i18n;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every string the pages show, as a type-safe Qute message bundle: templates write {@code {msg:layout_signIn}},
 * Java code calls {@code currentLanguage.msg().layout_signIn()}. The English text lives in
 * {@code messages/msg.properties}, each other language in {@code messages/msg_xx.properties}; the build fails when
 * a template names a key that is not here, and {@code MessageBundleCompletenessTest} fails when a language lacks one.
 * Keys are grouped by page: {@code layout_}, {@code error_}, {@code article_}, {@code thread_}, …
 */
@MessageBundle("msg")
public interface Msg {

    // --- layout (every page) ---
    String layout_title();

    String layout_description();

    // --- frontend/js (rendered once per page by tags/jsmessages.html; %n is the number) ---
    String live_newAnswersOne();

    String live_newAnswersMany();

    String live_newCommentsOne();

    String live_newCommentsMany();

    String live_cancel();

    String live_offline();

    String live_refused();

    String layout_skipLink();

    String layout_siteNav();

    String layout_moderation();

    String layout_modPending();

    String layout_modReported();

    String layout_notifications();

    String layout_unread();

    String layout_signedInAs();

    String layout_signOut();

    String layout_signIn();

    String layout_language();

    String layout_warned();

    String layout_acknowledge();

    String layout_footer();

    String language_unknown();
}
