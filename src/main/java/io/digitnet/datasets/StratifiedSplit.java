package io.digitnet.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Holds out a test part of each class ({@value #TEST_FRACTION_DENOMINATOR}th, rounded) when an upload brings no test
 * split. The choice depends only on the content and a fixed seed, so every instance and every restart holds out the
 * same images (and the stored dataset keeps them anyway).
 */
final class StratifiedSplit {

    static final int TEST_FRACTION_DENOMINATOR = 6;
    static final long SEED = 20_261_129L;

    private StratifiedSplit() {
    }

    /** @return [train, test], each image in its original order within its part */
    static DatasetContent.Split[] split(DatasetContent.Split all, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            byClass.get(all.labels()[i]).add(i);
        }
        boolean[] test = new boolean[all.size()];
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            Random random = new Random(SEED + c);
            int held = Math.round(members.size() / (float) TEST_FRACTION_DENOMINATOR);
            // partial Fisher-Yates: the first 'held' of a seeded shuffle
            List<Integer> pool = new ArrayList<>(members);
            for (int k = 0; k < held; k++) {
                int j = k + random.nextInt(pool.size() - k);
                Integer swap = pool.get(k);
                pool.set(k, pool.get(j));
                pool.set(j, swap);
                test[pool.get(k)] = true;
            }
        }
        ImageCollector train = new ImageCollector(Integer.MAX_VALUE / IdxFiles.PIXELS);
        ImageCollector held = new ImageCollector(Integer.MAX_VALUE / IdxFiles.PIXELS);
        for (int i = 0; i < all.size(); i++) {
            (test[i] ? held : train).add(all.pixels(), i * IdxFiles.PIXELS, all.labels()[i]);
        }
        return new DatasetContent.Split[] {train.toSplit(), held.toSplit()};
    }
}
