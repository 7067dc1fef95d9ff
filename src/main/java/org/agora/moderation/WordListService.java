package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.agora.i18n.Msg;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/** Reading and replacing the banned and suspect word lists (read on every new comment, so every replica agrees). */
@ApplicationScoped
public class WordListService {

    private static final int MAX_WORD = 100;
    private static final int MAX_WORDS = 2000;

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AuditLog audit;

    /** The lists, for a moderator. */
    @Transactional
    public WordLists lists(Viewer viewer) {
        guardian.ensureCanModerate(viewer);
        return lists();
    }

    @Transactional
    public WordLists lists() {
        return new WordLists(words("banned"), words("suspect"));
    }

    @Transactional
    public WordLists replace(Viewer viewer, List<String> banned, List<String> suspect) {
        guardian.ensureCanModerate(viewer);
        Set<String> newBanned = clean("banned", banned);
        Set<String> newSuspect = clean("suspect", suspect);
        WordLists before = lists();
        em.createNativeQuery("delete from moderation_word").executeUpdate();
        insert("banned", newBanned);
        insert("suspect", newSuspect);
        WordLists after = lists();
        audit.record(viewer, ModActionKind.EDIT_WORDS, AuditLog.Target.WORDS, "lists", null, null,
                AuditLog.json("banned", before.banned(), "suspect", before.suspect()),
                AuditLog.json("banned", after.banned(), "suspect", after.suspect()));
        return after;
    }

    private List<String> words(String list) {
        @SuppressWarnings("unchecked")
        List<String> words = em.createNativeQuery("select word from moderation_word where list = :l order by word")
                .setParameter("l", list).getResultList();
        return words;
    }

    private void insert(String list, Set<String> words) {
        for (String word : words) {
            em.createNativeQuery("insert into moderation_word (list, word) values (:l, :w) on conflict do nothing")
                    .setParameter("l", list).setParameter("w", word).executeUpdate();
        }
    }

    private static Set<String> clean(String field, List<String> words) {
        Set<String> cleaned = new LinkedHashSet<>();
        for (String word : words == null ? new ArrayList<String>() : words) {
            String normal = WordMatcher.normalise(org.agora.web.StorableText.check(field, word));
            if (normal.isEmpty()) {
                continue;
            }
            if (normal.length() > MAX_WORD) {
                throw AppException.invalid(field, "A word or phrase is limited to " + MAX_WORD + " characters.").localized(m -> m.error_wordLength(MAX_WORD));
            }
            cleaned.add(normal);
        }
        if (cleaned.size() > MAX_WORDS) {
            throw AppException.invalid(field, "A list is limited to " + MAX_WORDS + " entries.").localized(m -> m.error_listLength(MAX_WORDS));
        }
        return cleaned;
    }
}
