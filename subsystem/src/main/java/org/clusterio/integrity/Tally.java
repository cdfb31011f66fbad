package org.clusterio.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A count, always exact, and the first {@value #MAX_EXAMPLES} examples of what was counted: bounded memory. */
final class Tally {

    static final int MAX_EXAMPLES = 100;

    private final AtomicLong count = new AtomicLong();
    private final List<String> examples = new ArrayList<>();

    void add(String example) {
        count.incrementAndGet();
        synchronized (examples) {
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(example);
            }
        }
    }

    long count() {
        return count.get();
    }

    List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }
}
