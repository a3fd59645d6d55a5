package io.sluice.bench.query;

/**
 * Deterministic Nexmark-style bid events: event {@code i} is a pure function of {@code (seed, i)}, so
 * any JVM (the loader, either query runner, the checker) can recompute any event without state.
 *
 * <p>Contract, relied on by {@link OutputCheck}: {@code dateTime = BASE_EPOCH_MS + i}, unique per
 * index, so an output record's {@code DATETIME} names the input event it came from. Event {@code i}
 * goes to partition {@code i % partitions} of {@code bids}, with no key (see {@link BidsQuery}).
 *
 * <p>Distributions (fixed; changing them changes every figure measured so far):
 * <ul>
 * <li>price: {@code floor(10^(2 + 3u))} cents, {@code u} uniform in [0, 1), so 100..99,999 and
 *     {@code P(price > 1000) = 2/3};</li>
 * <li>channel: Google, Facebook, Baidu, Apple, a quarter each, so the query keeps about half;</li>
 * <li>auction: half the bids go to 100 hot auctions, the rest spread over a range that grows with
 *     {@code i} (new auctions open as time goes on); bidder: uniform over 100,000 people;</li>
 * <li>url: {@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1&channel_id=<n>} with three
 *     random lower-case words of 3..10 letters, 65..92 characters in all.</li>
 * </ul>
 * Uses {@link StrictMath} so that the values do not depend on the JVM or the JIT.
 */
public final class BidGenerator {

    /** 2024-01-01T00:00:00Z: event {@code i} happened {@code i} ms after it. */
    public static final long BASE_EPOCH_MS = 1_704_067_200_000L;

    static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    public BidGenerator(long seed) {
        this.seed = seed;
    }

    /** Event {@code i} ({@code i >= 0}) of this seed. */
    public Bid bid(long i) {
        // a SplitMix64 stream started at a point fixed by (seed, i): independent draws per field
        long state = mix(seed * GOLDEN + i) ^ GOLDEN;
        long r0 = mix(state += GOLDEN);
        long r1 = mix(state += GOLDEN);
        long r2 = mix(state += GOLDEN);
        long r3 = mix(state += GOLDEN);
        long r4 = mix(state += GOLDEN);

        long auction = (r0 & 1) == 0
                ? 1000 + Long.remainderUnsigned(r0 >>> 1, 100)
                : 1000 + Long.remainderUnsigned(r0 >>> 1, 100 + i / 10);
        long bidder = 1000 + Long.remainderUnsigned(r1, 100_000);
        long price = (long) StrictMath.floor(StrictMath.pow(10, 2 + 3 * unit(r2)));
        String channel = CHANNELS[(int) Long.remainderUnsigned(r3, CHANNELS.length)];
        return new Bid(auction, bidder, price, channel, url(r4), BASE_EPOCH_MS + i);
    }

    /** Whether event {@code i} passes the query's WHERE clause. */
    boolean passesFilter(long i) {
        Bid b = bid(i);
        return BidsQuery.filter(b.price(), b.channel());
    }

    /** How many of events {@code 0..n-1} the query outputs: the count a run must reach exactly. */
    public long expectedOutputs(long n) {
        long count = 0;
        for (long i = 0; i < n; i++) {
            if (passesFilter(i)) {
                count++;
            }
        }
        return count;
    }

    private static String url(long r) {
        StringBuilder sb = new StringBuilder(100).append("https://www.nexmark.com/");
        long state = r;
        for (int w = 0; w < 3; w++) {
            long x = mix(state += GOLDEN);
            int len = 3 + (int) Long.remainderUnsigned(x, 8);
            x = mix(x);
            for (int c = 0; c < len; c++) {
                sb.append((char) ('a' + Long.remainderUnsigned(x >>> (c * 5), 26)));
            }
            sb.append('/');
        }
        long channelId = Long.remainderUnsigned(mix(state + GOLDEN), 10_000_000);
        return sb.append("item.htm?query=1&channel_id=").append(channelId).toString();
    }

    /** Uniform in [0, 1) from the top 53 bits. */
    private static double unit(long r) {
        return (r >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer: a bijective avalanche of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
