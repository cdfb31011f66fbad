package org.clusterio.io.dfs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the extension logs while a test runs, as the log would show it. jboss-logging writes to java.util.logging in
 * these tests (no other backend is on the test class path), so a handler on the {@code org.clusterio} logger sees
 * every record of {@code ClusterIOLogger}.
 */
final class CapturedLog implements AutoCloseable {

    /** A log record as it reads, with its level. */
    record Entry(Level level, String message) {
    }

    private final Logger logger = Logger.getLogger("org.clusterio");
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {

        private final Formatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            entries.add(new Entry(record.getLevel(), formatter.formatMessage(record)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The entries whose message carries a message id, such as {@code CLUSTERIO0060}. */
    List<Entry> withId(String messageId) {
        return entries.stream().filter(entry -> entry.message().startsWith(messageId + ":")).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
