package org.agora.moderation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.agora.web.AppException;

/** Loading the row a moderation step changes, locked until the transaction ends so concurrent decisions queue up. */
final class Rows {

    private Rows() {
    }

    /** The entity, locked {@code FOR UPDATE}; 404 naming {@code what} when it doesn't exist. */
    static <T> T lockedOr404(EntityManager em, Class<T> type, long id, String what) {
        T row = em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw AppException.notFound(what);
        }
        return row;
    }
}
