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

    String compose_mentionList();

    String compose_quoteInReply();

    String compose_quoteRemove();

    String compose_quoteComment();

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

    String save();

    String breadcrumb();

    String articles_title();

    String articles_none();

    String article_by();

    String article_readingMinutes(int minutes);

    String article_image();

    String article_questions();

    String article_discuss(String label);

    String question_counts(int answers, int score);

    String reactions_heading();

    String reactions_total(int total);

    String reactions_hint();

    String reactions_signIn();

    String reaction_kind(String kind);

    String thread_lockedBadge();

    String thread_hiddenBadge();

    String thread_editQuestion();

    String thread_label();

    String thread_position();

    String thread_yourAnswer();

    String thread_answerLabel();

    String thread_postAnswer();

    String thread_locked();

    String thread_signInToAnswer();

    String thread_answers();

    String thread_none();

    String thread_branch();

    String thread_branchParent();

    String thread_branchBack();

    String thread_moreReplies(int count);

    String thread_pages();

    String thread_previousPage();

    String thread_nextPage();

    String thread_pageOf(int page, int pages, int answers);

    String answers_count(int count);

    String sort_label();

    String sort_by();

    String sort_name(String sort);

    String vote_onQuestion();

    String vote_up();

    String vote_down();

    String vote_points(int score);

    String vote_score(int score);

    String comment_points(int score);

    String comment_removed();

    String comment_deleted();

    String comment_held();

    String comment_rejected();

    String comment_onlyYou();

    String comment_pinned();

    String comment_edited();

    String comment_editedAt(String at);

    String comment_inReplyTo(String author);

    String comment_inReplyToCap(String author);

    String comment_edit();

    String comment_delete();

    String report();

    String report_reason();

    String report_note();

    String report_other();

    String reason(String code);

    String reply();

    String reply_label(String author);

    String reply_post();

    String reply_signIn();

    String edit_title();

    String edit_back();

    String edit_label();

    String edit_history();

    String notifications_none();

    String notifications_unread();

    String notifications_markRead();

    String mod_tab_pending();

    String mod_tab_reported();

    String mod_tab_rejected();

    String mod_log();

    String mod_words();

    String modaction(String action);

    String mod_log_moderator();

    String mod_log_member();

    String mod_log_action();

    String mod_log_any();

    String mod_log_filter();

    String mod_log_when();

    String mod_log_target();

    String mod_log_reason();

    String mod_log_before();

    String mod_log_after();

    String mod_sanction_title(String username);

    String mod_sanction_log();

    String mod_sanction_kind();

    String mod_sanction_warn();

    String mod_sanction_suspend();

    String mod_sanction_ban();

    String mod_sanction_until();

    String mod_sanction_reason();

    String mod_sanction_rejectAll();

    String mod_sanction_apply();

    String mod_words_intro();

    String mod_words_banned();

    String mod_words_suspect();

    String mod_queue_title(String state);

    String mod_queue_heading(String state);

    String mod_queue_empty();

    String mod_queue_select(long id);

    String mod_queue_on();

    String mod_queue_status(String status);

    String mod_queue_history(long published, long pending, long rejected, long removed, long sanctions);

    String mod_queue_resolved();

    String mod_queue_withSelected();

    String mod_queue_reason();

    String mod_queue_message();

    String time_justNow();

    String time_minutesAgo(long n);

    String time_hoursAgo(long n);

    String time_daysAgo(long n);

    // --- error pages and messages ---
    String error_title(int status);

    String error_detail(int status);

    String error_retryAfter(long seconds);

    String error_requestId();

    String error_home();

    String error_signIn();

    String error_notFound(String what);

    // --- messages after a form (flash) ---
    String flash_signedIn();

    String flash_reactionWithdrawn();

    String flash_reactionCounted();

    String flash_answerPosted();

    String flash_replyPosted();

    String flash_voteWithdrawn();

    String flash_voteCounted();

    String flash_commentUpdated();

    String flash_commentDeleted();

    String flash_reported();

    String flash_notificationsRead();

    String flash_warningAcknowledged();

    String flash_bulkDone(int count, boolean rejected);

    String flash_done(String action);

    String flash_questionUpdated();

    String flash_wordsSaved();

    String flash_sanctioned(String kind, String member, int rejectedComments);

    String flash_nothingChanged(String reason);

    // --- refusals explained on pages (AppException.localized) ---
    String error_commentEmpty();

    String error_commentTooLong(int characters);

    String error_nul();

    String error_surrogate();

    String error_busy();

    String error_tooDeep(int max);

    String error_signInUnavailable();

    String error_locked();

    String error_noReply();

    String error_parentElsewhere();

    String error_onlyAuthorEdits();

    String error_onlyAuthorDeletes();

    String error_ownVote();

    String error_cantVote();

    String error_ownReport();

    String error_cantReport();

    String error_moderatorsOnly();

    String error_selfSanction();

    String error_formDamaged();

    String error_formUsed();

    String error_reportReason();

    String error_reportNote();

    String error_reportNoteLength(int max);

    String error_reportedAlready();

    String error_rateLimited(String action, int max, long amount, String unit, long seconds);

    String restriction_banned(String reason);

    String restriction_suspended(String until, String reason);

    String error_bannedWord(String word);

    String error_messageLength(int max);

    String error_rejectReason();

    String error_tickOne();

    String error_labelLength(int max);

    String error_position(long max);

    String error_sanctionReason(int max);

    String error_suspensionEnd();

    String error_onlySuspensionEnds();

    String error_onlyBanRejectsAll();

    String error_untilFormat();

    String error_wordLength(int max);

    String error_listLength(int max);
    // --- community: notifications, follows, search, profiles, feeds, data rights, article management ---

    String error_archived();

    String layout_search();

    String layout_settings();

    String layout_manageArticles();

    String notifications_markOne();

    String thread_follow();

    String thread_unfollow();

    String thread_feed();

    String article_feed();

    String article_quoted(int count);

    String flash_following();

    String flash_unfollowed();

    String flash_notificationRead();

    String flash_profileSaved();

    String flash_accountNotDeleted();

    String flash_accountDeleted();

    String flash_articleDraftSaved();

    String flash_articlePublished();

    String flash_articleUnpublished();

    String flash_articleArchived();

    String search_title();

    String search_words();

    String search_inArticle();

    String search_anyArticle();

    String search_byMember();

    String search_from();

    String search_to();

    String search_none();

    String search_type(String type);

    String search_by();

    String search_more();

    String profile_memberSince();

    String profile_score();

    String profile_publicComments();

    String profile_answered();

    String profile_noneYet();

    String profile_answeredIn(String article, int count);

    String profile_recent();

    String profile_noComments();

    String profile_on();

    String profile_scoreOf(int score);

    String settings_title();

    String settings_seenAs();

    String settings_signInName(String name);

    String settings_displayName();

    String settings_bio();

    String settings_digest(String email);

    String settings_data();

    String settings_export();

    String settings_deleteExplain();

    String settings_delete();

    String manage_title();

    String manage_import();

    String manage_importHelp();

    String manage_text();

    String manage_file();

    String manage_preview();

    String manage_articles();

    String manage_articleTitle();

    String manage_status();

    String manage_actions();

    String manage_statusName(String status);

    String manage_action(String status);

    String manage_detected();

    String manage_address();

    String manage_taken();

    String manage_standfirst();

    String manage_author();

    String manage_body();

    String manage_blocks(int count);

    String manage_structure();

    String manage_questions();

    String manage_edit();

    String manage_editHelp();

    String manage_previewAgain();

    String manage_saveDraft();

    String manage_addressOf(String slug);
}
