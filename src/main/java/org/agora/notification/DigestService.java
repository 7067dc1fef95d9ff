package org.agora.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agora.AgoraConfig;
import org.jboss.logging.Logger;

/**
 * Mails each opted-in member a digest of their unread notifications that no earlier digest contained. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas running the schedule never mail the same
 * notification twice; a failed send rolls the claim back and the next run retries.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);
    private static final int MAX_ROWS = 5000;

    @Inject
    EntityManager em;

    @Inject
    Mailer mailer;

    @Inject
    AgoraConfig config;

    @Scheduled(every = "${agora.digest.every:PT24H}", delayed = "${agora.digest.every:PT24H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        if (config.digest().enabled()) {
            int sent = sendDigests();
            LOG.infof("Sent %d notification digests", sent);
        }
    }

    /** Sends the due digests now; answers how many mails went out. */
    @Transactional
    public int sendDigests() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select n.id, m.email, n.text, n.link from notification n join member m on m.id = n.member_id
                        where m.email_digest and m.email is not null and m.deleted_at is null
                          and n.read_at is null and n.emailed_at is null
                        order by n.member_id, n.id limit :max
                        for update of n skip locked""")
                .setParameter("max", MAX_ROWS).getResultList();
        Map<String, List<Object[]>> byEmail = new LinkedHashMap<>();
        rows.forEach(r -> byEmail.computeIfAbsent((String) r[1], e -> new ArrayList<>()).add(r));
        List<Long> mailed = new ArrayList<>();
        byEmail.forEach((email, items) -> {
            StringBuilder text = new StringBuilder("Hello,\n\nhere is what happened on Agora since your last digest:\n\n");
            for (Object[] item : items) {
                text.append("- ").append(item[2]);
                if (item[3] != null) {
                    text.append("\n  ").append(config.publicUrl()).append(item[3]);
                }
                text.append("\n");
                mailed.add(((Number) item[0]).longValue());
            }
            text.append("\nYou can stop these mails on your profile settings: ")
                    .append(config.publicUrl()).append("/me/settings\n");
            mailer.send(Mail.withText(email,
                    "Agora: " + items.size() + (items.size() == 1 ? " new notification" : " new notifications"), text.toString()));
        });
        if (!mailed.isEmpty()) {
            em.createNativeQuery("update notification set emailed_at = now() where id in (:ids)")
                    .setParameter("ids", mailed).executeUpdate();
        }
        return byEmail.size();
    }
}
