package org.clusterio.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The parts of an upload in flight, fitted to the heap: one upload holds at most a quarter of it. */
class PartUploadsTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void fourPartsInFlightWhenFiveFitInAQuarterOfTheHeap() {
        assertEquals(4, PartUploads.partsInFlight(8 * MIB, 256L * MIB));
        assertEquals(4, PartUploads.partsInFlight(8 * MIB, 160L * MIB));
        assertEquals(4, PartUploads.partsInFlight(512 * MIB, 16L * 1024 * MIB));
    }

    @Test
    void fewerWhenTheHeapIsSmall() {
        assertEquals(3, PartUploads.partsInFlight(8 * MIB, 128L * MIB));
        assertEquals(2, PartUploads.partsInFlight(16 * MIB, 200L * MIB));
        assertEquals(1, PartUploads.partsInFlight(32 * MIB, 256L * MIB));
    }

    @Test
    void oneAtATimeWhenTwoPartsDoNotFit() {
        assertEquals(0, PartUploads.partsInFlight(64 * MIB, 256L * MIB));
        assertEquals(0, PartUploads.partsInFlight(512 * MIB, 1024L * MIB));
    }

    @Test
    void theBudgetIsThePartsInFlightAndTheOneBeingFilled() {
        PartUploads uploads = PartUploads.forHeap("bucket", 8 * MIB, 256L * MIB);
        try {
            assertEquals(40L * MIB, uploads.budget());
        } finally {
            uploads.close();
        }
        PartUploads sequential = PartUploads.forHeap("bucket", 64 * MIB, 256L * MIB);
        assertEquals(64L * MIB, sequential.budget());
        sequential.close();
    }
}
