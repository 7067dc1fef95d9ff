package org.agora.seminar;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The seminar pages' strings, a message bundle of their own ({@code {sem:…}} in templates; English in
 * {@code messages/sem.properties}, German in {@code sem_de.properties}). Kept apart from {@code msg}: Quarkus 3.33's
 * generated resolver for one bundle with about 300 messages fails bytecode verification (VerifyError at start).
 * Java code gets it in the request's language from {@link SeminarMessages#of}.
 */
@MessageBundle("sem")
public interface SeminarMsg {

    String mySeminars();

    String none();

    String tutor();

    String youRunIt();

    String archived();

    String frozen();

    String revealed();

    String deadline();

    String opens();

    String discusses();

    String joinHeading();

    String joinCode();

    String join();

    String joinTheSeminar();

    String signInToJoin();

    String createHeading();

    String name();

    String namePlaceholder();

    String articlesToDiscuss();

    String opensAtLabel();

    String deadlineLabel();

    String settings();

    String premoderationSetting();

    String anonymousSetting();

    String stancesSetting();

    String createButton();

    String breadcrumb();

    String archivedState();

    String frozenState();

    String revealedState();

    String anonymousState();

    String premoderationState();

    String stancesState();

    String youAppearAs();

    String articles();

    String compare();

    String code();

    String link();

    String rotateCode();

    String runHeading();

    String queue();

    String pendingLower();

    String reportedLower();

    String participationReport();

    String downloadCsv();

    String freeze();

    String unfreeze();

    String reveal();

    String archive();

    String members();

    String noMembers();

    String member();

    String pseudonym();

    String joined();

    String actions();

    String removed();

    String remove();

    String readArticle();

    String discussion();

    String question();

    String answers();

    String comments();

    String agree();

    String disagree();

    String depends();

    String lastActivity();

    String locked();

    String claim();

    String reactions();

    String reaction();

    String everyone();

    String thisSeminar();

    String total();

    String react();

    String privateTo();

    String threadCounts(int answers, int comments);

    String lockedThread();

    String stanceSplit();

    String stancesAbout();

    String lock();

    String unlock();

    String writeClaim();

    String claimLabel();

    String saveClaim();

    String yourAnswer();

    String yourStance();

    String answerLabel();

    String postAnswer();

    String noAnswers();

    String pendingTab();

    String reportedTab();

    String rejectedTab();

    String nothingWaiting();

    String reportIntro();

    String csvHint();

    String classTotals();

    String students();

    String studentsActive(int students, int active);

    String student();

    String repliesToPeers();

    String questionsAnswered();

    String words();

    String score();

    String stanceMix();

    String stanceMixValue(int agree, int disagree, int depends);

    String firstPost();

    String lastPost();

    String late();

    String activity();

    String noPosts();

    String chartSummary(String from, String to, int total, int busiest, String busiestDay);

    String perStudent();

    String sortHint();

    String stanceMixHint();

    String compareEmpty();

    String sideBySide();

    String yours();

    String notRevealed();

    String answersLower();

    String commentsLower();

    String noAnswersShort();

    String scoreLower();

    String readThread();

    String flashCreated();

    String flashWelcome();

    String flashCodeRotated();

    String flashMemberRemoved();

    String flashArchived();

    String flashFrozen();

    String flashUnfrozen();

    String flashRevealed();

    String flashClaimSaved();

    String flashLocked();

    String flashUnlocked();

    // --- announcements ---
    String announcements();

    String noAnnouncements();

    String announcementText();

    String announcementHint();

    String announce();

    String flashAnnounced();
}
