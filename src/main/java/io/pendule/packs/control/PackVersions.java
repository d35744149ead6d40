package io.pendule.packs.control;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * The order of a pack's versions, for "the latest": dot-separated segments compared one by one, numerically when both
 * are digits (0.10 after 0.9), as text otherwise (1.0-rc1 before 1.0-rc2); a version that goes on after an equal start
 * is the later (1.0.1 after 1.0).
 */
public final class PackVersions {

    public static final Comparator<String> ORDER = PackVersions::compare;

    private PackVersions() {
    }

    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = segment(left[i], right[i]);
            if (order != 0) {
                return order;
            }
        }
        return left.length != right.length ? Integer.compare(left.length, right.length) : a.compareTo(b);
    }

    private static int segment(String a, String b) {
        if (digits(a) && digits(b)) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
