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

    String layout_skipLink();

    String layout_siteNav();

    String layout_moderation();

    String layout_modPending();

    String layout_modReported();

    String layout_seminars();

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

    // --- seminars ---
    String seminar_mySeminars();

    String seminar_none();

    String seminar_tutor();

    String seminar_youRunIt();

    String seminar_archived();

    String seminar_frozen();

    String seminar_revealed();

    String seminar_deadline();

    String seminar_opens();

    String seminar_discusses();

    String seminar_joinHeading();

    String seminar_joinCode();

    String seminar_join();

    String seminar_joinTheSeminar();

    String seminar_signInToJoin();

    String seminar_createHeading();

    String seminar_name();

    String seminar_namePlaceholder();

    String seminar_articlesToDiscuss();

    String seminar_opensAtLabel();

    String seminar_deadlineLabel();

    String seminar_settings();

    String seminar_premoderationSetting();

    String seminar_anonymousSetting();

    String seminar_stancesSetting();

    String seminar_createButton();

    String seminar_breadcrumb();

    String seminar_archivedState();

    String seminar_frozenState();

    String seminar_revealedState();

    String seminar_anonymousState();

    String seminar_premoderationState();

    String seminar_stancesState();

    String seminar_youAppearAs();

    String seminar_articles();

    String seminar_compare();

    String seminar_code();

    String seminar_link();

    String seminar_rotateCode();

    String seminar_runHeading();

    String seminar_queue();

    String seminar_pendingLower();

    String seminar_reportedLower();

    String seminar_participationReport();

    String seminar_downloadCsv();

    String seminar_freeze();

    String seminar_unfreeze();

    String seminar_reveal();

    String seminar_archive();

    String seminar_members();

    String seminar_noMembers();

    String seminar_member();

    String seminar_pseudonym();

    String seminar_joined();

    String seminar_actions();

    String seminar_removed();

    String seminar_remove();

    String seminar_readArticle();

    String seminar_discussion();

    String seminar_question();

    String seminar_answers();

    String seminar_comments();

    String seminar_agree();

    String seminar_disagree();

    String seminar_depends();

    String seminar_lastActivity();

    String seminar_locked();

    String seminar_claim();

    String seminar_reactions();

    String seminar_reaction();

    String seminar_everyone();

    String seminar_thisSeminar();

    String seminar_total();

    String seminar_react();

    String seminar_private();

    String seminar_threadCounts(int answers, int comments);

    String seminar_lockedThread();

    String seminar_stanceSplit();

    String seminar_stancesAbout();

    String seminar_lock();

    String seminar_unlock();

    String seminar_writeClaim();

    String seminar_claimLabel();

    String seminar_saveClaim();

    String seminar_yourAnswer();

    String seminar_yourStance();

    String seminar_answerLabel();

    String seminar_postAnswer();

    String seminar_noAnswers();

    String seminar_pendingTab();

    String seminar_reportedTab();

    String seminar_rejectedTab();

    String seminar_nothingWaiting();

    String seminar_reportIntro();

    String seminar_csvHint();

    String seminar_classTotals();

    String seminar_students();

    String seminar_studentsActive(int students, int active);

    String seminar_student();

    String seminar_repliesToPeers();

    String seminar_questionsAnswered();

    String seminar_words();

    String seminar_score();

    String seminar_stanceMix();

    String seminar_stanceMixValue(int agree, int disagree, int depends);

    String seminar_firstPost();

    String seminar_lastPost();

    String seminar_late();

    String seminar_activity();

    String seminar_noPosts();

    String seminar_chartSummary(String from, String to, int total, int busiest, String busiestDay);

    String seminar_perStudent();

    String seminar_sortHint();

    String seminar_stanceMixHint();

    String seminar_compareEmpty();

    String seminar_sideBySide();

    String seminar_yours();

    String seminar_notRevealed();

    String seminar_answersLower();

    String seminar_commentsLower();

    String seminar_noAnswersShort();

    String seminar_scoreLower();

    String seminar_readThread();
}
