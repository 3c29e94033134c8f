package org.vecsnn.core.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DelayRingTest {
    @Test
    void slotsAfterAreEachDelaysSlotModuloTheDepth() {
        for (int depth = 1; depth <= 9; depth++) {
            DelayRing ring = new DelayRing(depth, 5);
            int[] out = new int[depth + 1];
            for (long step = 0; step < 3L * depth + 2; step++) {
                ring.slotsAfter(step, 3, out);
                for (int d = 1; d <= depth; d++) {
                    assertEquals((int) ((step + d) % depth) * 5 + 3, out[d], "depth " + depth + ", step " + step
                            + ", delay " + d);
                }
            }
        }
    }
}
