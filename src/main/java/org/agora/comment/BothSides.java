package org.agora.comment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The "both sides" order (Kialo's pro/con columns, in one list): pinned answers first, then the best answer of each
 * stance in turn (agree, disagree, it depends), then the next best of each, and so on; answers without a stance
 * come last. Pure function over a list already sorted best-first.
 */
public final class BothSides {

    private static final List<String> ROTATION = List.of("agree", "disagree", "depends");

    private BothSides() {
    }

    public static <T> List<T> interleave(List<T> bestFirst, Predicate<T> pinned, Function<T, String> stance) {
        List<T> result = new ArrayList<>(bestFirst.size());
        Map<String, Deque<T>> queues = new LinkedHashMap<>();
        ROTATION.forEach(s -> queues.put(s, new ArrayDeque<>()));
        List<T> without = new ArrayList<>();
        for (T item : bestFirst) {
            if (pinned.test(item)) {
                result.add(item);
            } else if (stance.apply(item) != null && queues.containsKey(stance.apply(item))) {
                queues.get(stance.apply(item)).add(item);
            } else {
                without.add(item);
            }
        }
        boolean any = true;
        while (any) {
            any = false;
            for (Deque<T> queue : queues.values()) {
                T next = queue.poll();
                if (next != null) {
                    result.add(next);
                    any = true;
                }
            }
        }
        result.addAll(without);
        return result;
    }
}
