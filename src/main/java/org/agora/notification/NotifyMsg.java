package org.agora.notification;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * Notification strings, a message bundle of their own ({@code {notify:…}} in templates; English in
 * {@code messages/notify.properties}, German in {@code notify_de.properties}): {@code msg} is near the size at
 * which Quarkus 3.33's generated resolver fails bytecode verification (see {@link org.agora.seminar.SeminarMsg}).
 */
@MessageBundle("notify")
public interface NotifyMsg {

    // --- frontend/js/unread.js (rendered once per page by tags/jsmessages.html; %n is the number) ---
    String unreadNone();

    String unreadOne();

    String unreadMany();
}
