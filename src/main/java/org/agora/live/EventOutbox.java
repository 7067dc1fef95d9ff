package org.agora.live;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Moves the events of counter changes (votes, reactions) from table {@code agora_event_outbox}, where their triggers
 * write them in the changing transaction (migrations/V10), to NOTIFY on {@code agora_events}, in batches: PostgreSQL
 * lets one notifying transaction commit at a time, so a NOTIFY in every vote made votes commit one by one. Every
 * replica runs this; {@code skip locked} gives each row to one of them. A row is deleted in the transaction that
 * sends it, so an event is sent once, and none is lost when a replica dies (its rows stay for the others).
 */
@ApplicationScoped
public class EventOutbox {

    /** How long the relay rests when the outbox was empty: the most an event waits before it is sent. */
    static final long POLL_MILLIS = 20;
    private static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(EventOutbox.class);

    private volatile boolean running;
    private Thread relay;

    @Inject
    AgroalDataSource dataSource;

    void start(@Observes StartupEvent event) {
        running = true;
        relay = new Thread(this::relayLoop, "agora-event-outbox");
        relay.setDaemon(true);
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (relay != null) {
            relay.interrupt();
        }
    }

    private void relayLoop() {
        while (running) {
            int sent;
            try (Connection c = dataSource.getConnection()) {
                sent = send(c, false);
            } catch (SQLException e) {
                LOG.debugf("Event outbox: nothing sent (%s); retrying in 1 s", e.getMessage());
                sleep(1000);
                continue;
            }
            if (sent == 0) {
                // the connection goes back to the pool while the relay rests
                sleep(POLL_MILLIS);
            }
        }
    }

    /**
     * NOTIFYs and deletes waiting events in one statement: they leave when it commits (autocommit). The relay takes up
     * to a batch of rows no other replica is sending ({@code skip locked}); {@code all} takes every waiting row and
     * waits for rows another replica is sending, so that afterwards every event committed before the call is sent.
     */
    private static int send(Connection c, boolean all) throws SQLException {
        int sent = 0;
        // a prepared statement: the driver keeps it prepared on the server for each pooled connection, so the relay,
        // which runs 50 times a second when idle and without a pause under load, is not parsed and planned every time
        try (PreparedStatement st = c.prepareStatement(all ? SEND_ALL : SEND_BATCH); ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                sent++;
            }
        }
        return sent;
    }

    private static final String SEND = """
            with taken as (
                delete from agora_event_outbox where id in (select id from agora_event_outbox %s)
                returning payload)
            select pg_notify('agora_events', payload) from (select distinct payload from taken) events""";
    private static final String SEND_BATCH = SEND.formatted("order by id limit " + BATCH + " for update skip locked");
    private static final String SEND_ALL = SEND.formatted("for update");

    /**
     * Sends every event committed before the call, on the caller's connection in autocommit mode: a NOTIFY the caller
     * sends next on it arrives after them (PageCache's sync marker).
     */
    public static void sendAllWaiting(Connection c) throws SQLException {
        send(c, true);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false; // shutting down
        }
    }
}
