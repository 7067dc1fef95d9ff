package org.agora.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agora.comment.Comment;
import org.agora.ops.AgoraMetrics;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Live updates across replicas. Writes NOTIFY on channel {@code agora_events} from triggers (migrations/V5), in the
 * writing transaction; this bean LISTENs on a dedicated connection of its own (outside the pool, in a background
 * thread, reconnecting after a database restart) and forwards each event to the SSE streams open on this replica
 * whose page it concerns and whose viewer may see it (Guardian). Events carry ids only; pages fetch what changed
 * as their viewer. Graceful shutdown closes every stream, so browsers reconnect, through the balancer, elsewhere.
 */
@ApplicationScoped
public class LiveEvents {

    static final String CHANNEL = "agora_events";
    /** How long a browser waits before reconnecting (the SSE {@code retry} field). */
    static final long RETRY_MILLIS = 2000;
    private static final long PING_SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One open stream: the page it watches (a question's thread, or an article page when question is null), or, when
     * article is null too, a signed-in member's own stream (their unread notification count, on every page).
     */
    record Subscriber(SseEventSink sink, Sse sse, Viewer viewer, Long articleId, Long questionId) {

        static Subscriber ofMember(SseEventSink sink, Sse sse, Viewer viewer) {
            return new Subscriber(sink, sse, viewer, null, null);
        }

        boolean memberStream() {
            return articleId == null;
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean closing;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread listener;
    private ScheduledExecutorService pinger;

    @Inject
    Guardian guardian;

    @Inject
    AgoraMetrics metrics;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    void start(@Observes StartupEvent event) {
        metrics.sseSubscribers(subscribers, Set::size);
        running = true;
        listener = new Thread(this::listen, "agora-live-listener");
        listener.setDaemon(true);
        listener.start();
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agora-live-ping");
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    /** Readiness went DOWN: close the streams now, so browsers reconnect to a replica that stays. */
    void shutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    void stop(@Observes ShutdownEvent event) {
        closeAll();
        running = false;
        if (pinger != null) {
            pinger.shutdownNow();
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** True while this replica is LISTENing (live updates would otherwise be lost silently). */
    public boolean listening() {
        return listening;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Registers an open stream and tells the browser how soon to reconnect; a closing replica closes it at once. */
    void subscribe(Subscriber subscriber) {
        subscribe(subscriber, "{}");
    }

    /** As {@link #subscribe(Subscriber)}, with what the page needs to catch up in the {@code ready} event's data. */
    void subscribe(Subscriber subscriber, String readyData) {
        if (closing) {
            subscriber.sink().close();
            return;
        }
        subscribers.add(subscriber);
        send(subscriber, subscriber.sse().newEventBuilder().name("ready").data(readyData).reconnectDelay(RETRY_MILLIS).build());
    }

    private void closeAll() {
        closing = true;
        for (Subscriber s : subscribers) {
            subscribers.remove(s);
            try {
                s.sink().close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = open()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                boolean reconnected = !listening && everListened;
                listening = true;
                everListened = true;
                if (reconnected) {
                    // events may have been missed while the database was away: every page re-reads
                    broadcastResync();
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(10_000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    LOG.warnf("Live updates: lost the LISTEN connection (%s); retrying in 2 s", e.getMessage());
                    sleep(2000);
                }
            }
        }
    }

    private volatile boolean everListened;

    private Connection open() throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "agora-live-listener");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    void dispatch(String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (Exception e) {
            LOG.warnf("Live updates: ignoring a malformed event %s", payload);
            return;
        }
        String type = event.path("type").asText();
        if ("notification".equals(type)) {
            dispatchToMember(event.path("member").asLong());
            return;
        }
        long article = event.path("article").asLong();
        Long question = event.hasNonNull("question") ? event.get("question").asLong() : null;
        for (Subscriber s : subscribers) {
            if (s.memberStream() || s.articleId() != article) {
                continue;
            }
            String data = switch (type) {
                case "comment" -> question.equals(s.questionId()) && mayBeSeen(s.viewer(), event)
                        ? JSON.createObjectNode().put("question", question).put("comment", event.path("comment").asLong())
                                .put("created", event.path("created").asBoolean()).toString()
                        : null;
                case "question" -> (s.questionId() == null || question.equals(s.questionId()))
                        && mayBeSeenQuestion(s.viewer(), event)
                        ? JSON.createObjectNode().put("question", question).toString()
                        : null;
                case "reactions" -> s.questionId() == null ? "{}" : null;
                default -> null;
            };
            if (data != null) {
                send(s, s.sse().newEventBuilder().name(type).data(data).reconnectDelay(RETRY_MILLIS).build());
            }
        }
    }

    /**
     * A member's notifications changed (a new one, or some marked read, in any tab or on any replica): their own
     * streams hear the new unread count. The event names only the member; the count is read here, after the commit
     * that sent it, so the last event always carries the latest count (an older one may arrive first, never last).
     */
    private void dispatchToMember(long memberId) {
        String data = null;
        for (Subscriber s : subscribers) {
            if (!s.memberStream() || !guardian.canHearNotificationsOf(s.viewer(), memberId)) {
                continue;
            }
            if (data == null) {
                Long unread = unreadCount(memberId);
                data = unread == null ? "{}" : JSON.createObjectNode().put("unread", unread).toString();
            }
            send(s, s.sse().newEventBuilder().name("notifications").data(data).reconnectDelay(RETRY_MILLIS).build());
        }
    }

    /** The member's unread count, on the LISTEN connection (this runs on its thread); null when it can't be read. */
    private Long unreadCount(long memberId) {
        Connection c = connection;
        if (c == null) {
            return null;
        }
        try (var st = c.prepareStatement("select count(*) from notification where member_id = ? and read_at is null")) {
            st.setLong(1, memberId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            LOG.debugf("Live updates: no unread count for member %d (%s); the page asks for it", memberId, e.getMessage());
            return null;
        }
    }

    /**
     * Held or rejected comments reach only their author and staff; the Guardian decides, as on the page. A seminar's
     * comments are private to it and the streams are the public threads', so they never go out (not even their ids).
     */
    private boolean mayBeSeen(Viewer viewer, JsonNode event) {
        if (event.hasNonNull("seminar")) {
            return false;
        }
        Comment comment = new Comment();
        comment.status = event.path("status").asText();
        comment.authorId = event.path("author").asLong();
        return guardian.canSeeComment(viewer, comment);
    }

    private boolean mayBeSeenQuestion(Viewer viewer, JsonNode event) {
        Question question = new Question();
        question.hidden = event.path("hidden").asBoolean();
        return guardian.canSeeQuestion(viewer, question);
    }

    private void broadcastResync() {
        for (Subscriber s : subscribers) {
            send(s, s.sse().newEventBuilder().name("resync").data("{}").reconnectDelay(RETRY_MILLIS).build());
        }
    }

    /** A comment line every few seconds: keeps proxies from timing the stream out and finds streams that are gone. */
    private void ping() {
        for (Subscriber s : subscribers) {
            send(s, s.sse().newEventBuilder().comment("ping").build());
        }
    }

    private void send(Subscriber s, OutboundSseEvent event) {
        if (s.sink().isClosed()) {
            subscribers.remove(s);
            return;
        }
        synchronized (s) {
            s.sink().send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    subscribers.remove(s);
                    s.sink().close();
                }
            });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
