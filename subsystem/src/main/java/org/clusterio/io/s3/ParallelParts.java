package org.clusterio.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Sends the parts of one multipart upload, up to {@link PartUploads#partsInFlight()} at once, from the buffers of a
 * budget of that many parts and one more (the one the reader fills). The reader takes a slot before it hands a part
 * over and waits for one when all are taken; a sent part's buffer is filled again. The first part that fails stops
 * the reading: the parts still in flight are waited for (so that none lands after the abort), and the failure is
 * thrown for the caller to abort the upload. The parts are listed in the order of their numbers, as
 * CompleteMultipartUpload wants them, whatever order they finished in.
 */
final class ParallelParts {

    /** Sends one part and answers its entity tag; called from the senders' threads, several at once. */
    @FunctionalInterface
    interface Sender {
        String send(int number, byte[] buffer, int length);
    }

    /** The parts sent, in the order of their numbers, and the bytes they hold. */
    record Sent(List<CompletedPart> parts, long total) {
    }

    private ParallelParts() {
    }

    /**
     * @param first a full first part, read already: it becomes part 1 and the first buffer of the budget
     * @throws InterruptedException when the reader's thread was interrupted while it waited for a slot
     */
    static Sent send(InputStream content, byte[] first, PartUploads uploads, Sender sender) throws IOException, InterruptedException {
        return uploads.partsInFlight() == 0 ? oneAtATime(content, first, sender) : inParallel(content, first, uploads, sender);
    }

    private static Sent oneAtATime(InputStream content, byte[] part, Sender sender) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        long total = 0;
        for (int length = part.length; length > 0; length = fill(content, part)) {
            int number = parts.size() + 1;
            parts.add(completed(number, sender.send(number, part, length)));
            total += length;
        }
        return new Sent(parts, total);
    }

    private static Sent inParallel(InputStream content, byte[] first, PartUploads uploads, Sender sender) throws IOException, InterruptedException {
        int slotCount = uploads.partsInFlight();
        Semaphore slots = new Semaphore(slotCount);
        BlockingQueue<byte[]> sentBuffers = new LinkedBlockingQueue<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Future<CompletedPart>> inOrder = new ArrayList<>();
        int buffers = 1;
        long total = 0;
        try {
            byte[] buffer = first;
            for (int length = buffer.length; length > 0; length = fill(content, buffer)) {
                slots.acquire();
                if (failure.get() != null) {
                    slots.release();
                    break;
                }
                int number = inOrder.size() + 1;
                byte[] part = buffer;
                int partLength = length;
                try {
                    inOrder.add(uploads.senders().submit(() -> {
                        try {
                            return completed(number, sender.send(number, part, partLength));
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                            throw e;
                        } finally {
                            sentBuffers.add(part);
                            slots.release();
                        }
                    }));
                } catch (RejectedExecutionException e) { // the handler is stopping
                    slots.release();
                    throw e;
                }
                total += length;
                buffer = sentBuffers.poll();
                if (buffer == null) {
                    if (buffers <= slotCount) {
                        buffer = new byte[first.length];
                        buffers++;
                    } else {
                        buffer = sentBuffers.take();
                    }
                }
            }
        } finally {
            slots.acquireUninterruptibly(slotCount); // every part sent or failed: none lands after an abort
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<CompletedPart> parts = new ArrayList<>(inOrder.size());
        for (Future<CompletedPart> part : inOrder) {
            try {
                parts.add(part.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
        return new Sent(parts, total);
    }

    private static CompletedPart completed(int number, String eTag) {
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    /** Reads until the buffer is full or the content ends. */
    private static int fill(InputStream content, byte[] buffer) throws IOException {
        int length = 0;
        for (int read; length < buffer.length && (read = content.read(buffer, length, buffer.length - length)) > 0; ) {
            length += read;
        }
        return length;
    }
}
