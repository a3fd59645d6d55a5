package io.sluice.bench.query;

/**
 * One Nexmark-style bid, as {@link BidGenerator} makes it and as it travels (JSON) in topic
 * {@code bids}. Never null fields: the generator has none, although the query's semantics
 * ({@link BidsQuery}) say what a null would do.
 *
 * @param auction  auction id
 * @param bidder   bidder (person) id
 * @param price    bid price in cents (USD)
 * @param channel  where the bid came from ("Google", "Facebook", ...)
 * @param url      the page the bid was placed from (60-100 characters)
 * @param dateTime event time, epoch milliseconds; unique per event index, see {@link BidGenerator}
 */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime) {

    /**
     * The JSON value written to {@code bids}: one object with the fields in declaration order.
     * Strings need no escaping: the generator only uses letters, digits and {@code :/._?=&-}.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(url.length() + 128);
        sb.append("{\"auction\":").append(auction)
                .append(",\"bidder\":").append(bidder)
                .append(",\"price\":").append(price)
                .append(",\"channel\":\"").append(channel)
                .append("\",\"url\":\"").append(url)
                .append("\",\"dateTime\":").append(dateTime)
                .append('}');
        return sb.toString();
    }
}
