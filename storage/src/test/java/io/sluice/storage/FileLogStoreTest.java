package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileLogStoreTest extends StoreTestBase {

    @Test
    void topicsArePersistedAcrossReopen() throws IOException {
        open();
        TopicInfo a = store.createTopic("a", 3, Map.of(LogConfig.RETENTION_MS, "1000"));
        TopicInfo b = store.createTopic("b.b_b-1", 1, Map.of());
        assertEquals(3, a.partitions());
        assertEquals(1000, a.config().retentionMs());
        assertEquals(List.of("a", "b.b_b-1"), store.topics().stream().map(TopicInfo::name).toList());
        assertEquals("a", store.topic(a.id()).orElseThrow().name());
        store.log("a", 2).append(TestBatches.batch(4, 1));

        store.close();
        open();
        TopicInfo a2 = store.topic("a").orElseThrow();
        assertEquals(a.id(), a2.id());
        assertEquals(3, a2.partitions());
        assertEquals(Map.of(LogConfig.RETENTION_MS, "1000"), a2.config().overrides());
        assertEquals(b.id(), store.topic("b.b_b-1").orElseThrow().id());
        assertEquals(4, store.log("a", 2).logEndOffset());
        assertEquals("a", store.log("a", 2).topic());
        assertEquals(2, store.log("a", 2).partition());
    }

    @Test
    void deleteTopicRemovesItsFiles() throws IOException {
        open();
        TopicInfo a = store.createTopic("a", 2, Map.of());
        PartitionLog log = store.log("a", 0);
        log.append(TestBatches.batch(2, 1));
        store.deleteTopic("a");
        assertTrue(store.topic("a").isEmpty());
        assertTrue(store.topic(a.id()).isEmpty());
        assertFalse(Files.exists(dir.resolve("topics").resolve("a")));
        assertThrows(UnknownTopicException.class, () -> store.log("a", 0));
        assertThrows(UnknownTopicException.class, () -> log.append(TestBatches.batch(1, 1)));
        assertThrows(UnknownTopicException.class, () -> store.deleteTopic("a"));

        TopicInfo again = store.createTopic("a", 1, Map.of());
        assertNotEquals(a.id(), again.id());
        assertEquals(0, store.log("a", 0).logEndOffset());
        store.close();
        open();
        assertEquals(again.id(), store.topic("a").orElseThrow().id());
        assertEquals(1, store.topics().size());
    }

    @Test
    void createPartitionsAddsLogs() throws IOException {
        open();
        store.createTopic("a", 1, Map.of(LogConfig.SEGMENT_BYTES, "4096"));
        store.log("a", 0).append(TestBatches.batch(1, 1));
        TopicInfo grown = store.createPartitions("a", 3);
        assertEquals(3, grown.partitions());
        assertEquals(4096, store.log("a", 2).config().segmentBytes());
        store.log("a", 2).append(TestBatches.batch(2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.createPartitions("a", 3));
        assertTrue(e.getMessage().contains("must be greater"), e.getMessage());
        assertThrows(UnknownTopicException.class, () -> store.createPartitions("nope", 3));
        assertThrows(UnknownTopicException.class, () -> store.log("a", 3));
        assertThrows(UnknownTopicException.class, () -> store.log("a", -1));

        store.close();
        open();
        assertEquals(3, store.topic("a").orElseThrow().partitions());
        assertEquals(1, store.log("a", 0).logEndOffset());
        assertEquals(2, store.log("a", 2).logEndOffset());
    }

    @Test
    void alterConfigAppliesToLiveLogsAndPersists() throws IOException {
        open();
        store.createTopic("a", 2, Map.of(LogConfig.RETENTION_MS, "1000"));
        PartitionLog log = store.log("a", 1);
        TopicInfo altered = store.alterConfig("a", Map.of(LogConfig.SEGMENT_BYTES, "1024"),
                Set.of(LogConfig.RETENTION_MS));
        assertEquals(Map.of(LogConfig.SEGMENT_BYTES, "1024"), altered.config().overrides());
        assertEquals(1024, log.config().segmentBytes());
        assertEquals(LogConfig.defaults().retentionMs(), log.config().retentionMs());

        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> store.alterConfig("a", Map.of(LogConfig.SEGMENT_BYTES, "ten"), Set.of()));
        assertTrue(bad.getMessage().contains("segment.bytes") && bad.getMessage().contains("ten"), bad.getMessage());
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> store.alterConfig("a", Map.of(), Set.of("no.such.key")));
        assertTrue(unknown.getMessage().contains("no.such.key"), unknown.getMessage());
        assertEquals(1024, log.config().segmentBytes(), "a refused change changes nothing");
        assertThrows(UnknownTopicException.class, () -> store.alterConfig("nope", Map.of(), Set.of()));

        store.close();
        open();
        assertEquals(Map.of(LogConfig.SEGMENT_BYTES, "1024"), store.topic("a").orElseThrow().config().overrides());
        assertEquals(1024, store.log("a", 0).config().segmentBytes());
    }

    @Test
    void invalidTopicNamesAreRefused() throws IOException {
        open();
        assertBadName("", "must not be empty");
        assertBadName(".", "cannot be '.' or '..'");
        assertBadName("..", "cannot be '.' or '..'");
        assertBadName("a b", "contains ' '");
        assertBadName("a/b", "contains '/'");
        assertBadName("tøpic", "contains 'ø'");
        assertBadName("x".repeat(250), "at most 249");
        store.createTopic("x".repeat(249), 1, Map.of());
        store.createTopic("...", 1, Map.of());
        assertEquals(2, store.topics().size());
    }

    private void assertBadName(String name, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.createTopic(name, 1, Map.of()));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void invalidCreationsChangeNothing() throws IOException {
        open();
        store.createTopic("a", 1, Map.of());
        assertThrows(TopicExistsException.class, () -> store.createTopic("a", 2, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.createTopic("b", 0, Map.of()));
        assertTrue(e.getMessage().contains("at least 1 partition"), e.getMessage());
        InvalidConfigException c = assertThrows(InvalidConfigException.class,
                () -> store.createTopic("b", 1, Map.of("cleanup.policy", "shred")));
        assertTrue(c.getMessage().contains("cleanup.policy"), c.getMessage());
        assertThrows(InvalidConfigException.class, () -> store.createTopic("b", 1, Map.of("bogus", "1")));
        assertTrue(store.topic("b").isEmpty());
        assertFalse(Files.exists(dir.resolve("topics").resolve("b")));
        assertEquals(1, store.topics().size());
    }

    @Test
    void logDefaultsApplyToTopicsWithoutOverrides() throws IOException {
        store = FileLogStore.open(dir, Map.of(LogConfig.SEGMENT_BYTES, "4096"), 60_000);
        assertEquals(4096, store.defaultConfig().segmentBytes());
        TopicInfo t = store.createTopic("a", 1, Map.of());
        assertEquals(4096, t.config().segmentBytes());
        assertTrue(t.config().isDefault(LogConfig.SEGMENT_BYTES));
        assertEquals(Map.of(), t.config().overrides());
    }

    @Test
    void badOptionsAreRefused() {
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> FileLogStore.Options.defaults().withLogDefaults(Map.of("segment.size", "1")));
        assertTrue(unknown.getMessage().contains("segment.size"), unknown.getMessage());
        assertThrows(InvalidConfigException.class,
                () -> FileLogStore.Options.defaults().withLogDefaults(Map.of(LogConfig.SEGMENT_BYTES, "1")));
        assertThrows(IllegalArgumentException.class, () -> FileLogStore.Options.defaults().withFlushIntervalMs(0));
    }

    @Test
    void logLookupsReturnTheSameLog() throws IOException {
        open();
        TopicInfo t = store.createTopic("a", 2, Map.of());
        assertSame(store.log("a", 1), store.log("a", 1));
        assertThrows(UnknownTopicException.class, () -> store.log("b", 0));
        assertTrue(store.topic(UUID.randomUUID()).isEmpty());
        assertEquals(t, store.topic("a").orElseThrow());
    }
}
