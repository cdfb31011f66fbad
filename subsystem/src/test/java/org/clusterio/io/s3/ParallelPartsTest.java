package org.clusterio.io.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.clusterio.testing.GeneratedContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parts of one upload sent in parallel, without a server: order, bytes, the budget of buffers, back-pressure, failure. */
class ParallelPartsTest {

    private static final int PART = 1024 * 1024;

    private final PartUploads uploads = PartUploads.forHeap("bucket", PART, 256L * 1024 * 1024);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();
    private final Set<byte[]> buffers = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Map<Integer, byte[]> digests = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        uploads.close();
    }

    /** Sends a part by hashing it, a little slowly, and fails the part numbered {@code failing}. */
    private ParallelParts.Sender sender(int failing) {
        return (number, buffer, length) -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                buffers.add(buffer);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(buffer, 0, length);
                digests.put(number, sha.digest());
                Thread.sleep(5);
                if (number == failing) {
                    throw new IllegalStateException("part " + number + " failed");
                }
                return "etag-" + number;
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } finally {
                active.decrementAndGet();
            }
        };
    }

    private static byte[] first(InputStream content) throws IOException {
        return content.readNBytes(PART);
    }

    @Test
    void partsAreListedInOrderWithTheirBytesWithinTheBudget() throws Exception {
        assertEquals(PartUploads.CONCURRENT_PARTS, uploads.partsInFlight());
        long size = 12L * PART + 100;
        InputStream content = new GeneratedContent(size);
        ParallelParts.Sent sent = ParallelParts.send(content, first(content), uploads, sender(0));
        assertEquals(size, sent.total());
        assertEquals(13, sent.parts().size());
        InputStream expected = new GeneratedContent(size);
        for (int number = 1; number <= 13; number++) {
            assertEquals(number, sent.parts().get(number - 1).partNumber());
            assertEquals("etag-" + number, sent.parts().get(number - 1).eTag());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(expected.readNBytes(PART)), digests.get(number), "the bytes of part " + number);
        }
        assertTrue(mostActive.get() <= PartUploads.CONCURRENT_PARTS, mostActive.get() + " parts were sent at once");
        assertTrue(buffers.size() <= PartUploads.CONCURRENT_PARTS + 1, buffers.size() + " part buffers were used");
    }

    @Test
    void aFailedPartStopsTheReadingAndNoPartIsStillSendingAfterwards() throws Exception {
        long size = 40L * PART;
        AtomicInteger read = new AtomicInteger();
        InputStream content = new GeneratedContent(size) {
            @Override
            public int read(byte[] buffer, int offset, int length) {
                int count = super.read(buffer, offset, length);
                read.addAndGet(Math.max(0, count));
                return count;
            }
        };
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ParallelParts.send(content, first(content), uploads, sender(3)));
        assertEquals("part 3 failed", failure.getMessage());
        assertEquals(0, active.get(), "a part was still being sent when the failure was thrown");
        assertTrue(read.get() < 10 * PART, "the reading went on after the failure: " + read.get() + " bytes read");
    }

    @Test
    void withNoPartInFlightTheReaderSendsOnePartAtATimeFromOneBuffer() throws Exception {
        PartUploads sequential = PartUploads.oneAtATime(PART);
        long size = 3L * PART + 7;
        InputStream content = new GeneratedContent(size);
        byte[] firstPart = first(content);
        ParallelParts.Sent sent = ParallelParts.send(content, firstPart, sequential, sender(0));
        assertEquals(size, sent.total());
        assertEquals(4, sent.parts().size());
        assertEquals(1, mostActive.get());
        assertSame(firstPart, buffers.iterator().next());
        assertEquals(1, buffers.size());
    }
}
