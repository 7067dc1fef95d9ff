package org.agora.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/** Following a question: its new answers notify the follower. Idempotent both ways. */
@ApplicationScoped
public class FollowService {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Transactional
    public void follow(Viewer viewer, long questionId) {
        guardian.ensureCanFollow(viewer, visibleQuestion(viewer, questionId));
        em.createNativeQuery("insert into question_follow (question_id, member_id) values (:q, :m) on conflict do nothing")
                .setParameter("q", questionId).setParameter("m", viewer.memberId()).executeUpdate();
    }

    @Transactional
    public void unfollow(Viewer viewer, long questionId) {
        guardian.ensureSignedIn(viewer);
        visibleQuestion(viewer, questionId);
        em.createNativeQuery("delete from question_follow where question_id = :q and member_id = :m")
                .setParameter("q", questionId).setParameter("m", viewer.memberId()).executeUpdate();
    }

    @Transactional
    public boolean isFollowing(Viewer viewer, long questionId) {
        return viewer.signedIn() && !em.createNativeQuery("select 1 from question_follow where question_id = :q and member_id = :m")
                .setParameter("q", questionId).setParameter("m", viewer.memberId()).getResultList().isEmpty();
    }

    private Question visibleQuestion(Viewer viewer, long questionId) {
        return Question.<Question>findByIdOptional(questionId)
                .filter(q -> guardian.canSeeQuestion(viewer, q))
                .orElseThrow(() -> AppException.notFound("question"));
    }
}
