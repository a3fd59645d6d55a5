package io.sluice.storage.state;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Receives every change a {@link StateTransaction} commits, so that the engine can copy them to a
 * compacted changelog topic and rebuild the store from it with {@link StateRestore}.
 *
 * <p>Contract: during {@link StateTransaction#commit}, after all of the transaction's writes and
 * <em>before</em> the LMDB commit, the store calls {@link #change} for the transaction's puts and
 * deletes in the order they were made, except that a write may be left out when a later write of
 * the same key in the same transaction follows (the changelog holds the state of each commit, not
 * the steps within it; repeated writes of hot keys are caught, not every one), then
 * {@link #commit} once with the positions.
 * The changelog is written ahead: if either method throws, the LMDB transaction is aborted and
 * nothing is committed, so the changelog always holds at least what the store holds. A crash
 * between the hook and the LMDB commit leaves changes in the changelog that the store lacks; the
 * input after the store's positions is processed again and writes them again, which a compacted
 * topic absorbs. The engine should therefore make the records durable in {@link #commit} (flush)
 * before returning.
 *
 * <p>Internal maps (names starting with {@code __}) and derived maps
 * ({@link StateStore#derivedMap}, e.g. the expiry index of a {@link WindowedMap}, rebuilt when the
 * store is opened after a restore) are never reported.
 *
 * <p>Thread-safety: called on the thread that commits, one transaction at a time.
 */
public interface Changelog {

    /**
     * One put ({@code value} non-null) or delete ({@code value} null). The buffers are read-only
     * views valid only during the call: copy what must outlive it.
     */
    void change(String map, ByteBuffer key, ByteBuffer value);

    /** The end of one transaction's changes, with the input positions it commits. */
    void commit(Map<String, Long> positions);
}
