package org.agora.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agora.member.MemberService;
import org.agora.security.Viewer;

/** Concurrency tests: tasks released at the same moment, and fresh members to run them as. */
public final class AtOnce {

    private AtOnce() {
    }

    /** What one member does in {@link #forEach}. */
    public interface Each<T> {
        void accept(T input) throws Exception;
    }

    /**
     * Runs the tasks on {@code threads} threads, all released at the same moment, and returns their results in the
     * tasks' order; the first failure is rethrown (wrapped in an ExecutionException), so no task may fail.
     */
    public static <R> List<R> run(List<? extends Callable<? extends R>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<? extends R>> futures = new ArrayList<>();
            for (Callable<? extends R> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<R> results = new ArrayList<>();
            for (Future<? extends R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code each} for every input at once, one thread per input. */
    public static <T> void forEach(List<T> inputs, Each<T> each) throws Exception {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (T input : inputs) {
            tasks.add(() -> {
                each.accept(input);
                return null;
            });
        }
        run(tasks, inputs.size());
    }

    /** {@code n} new members named {@code prefix-<run>-<i>}, as viewers without roles. */
    public static List<Viewer> members(MemberService members, String prefix, int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Viewer> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + "-" + run + "-" + i;
            people.add(new Viewer(members.memberIdFor("test|" + name, name, name), name, java.util.Set.of()));
        }
        return people;
    }
}
