package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreLoopback9092AndDotData() throws Exception {
        ServerOptions o = ServerOptions.parse(List.of());
        assertEquals(Path.of("data"), o.dataDir());
        assertEquals(9092, o.broker().port());
        assertEquals("127.0.0.1", o.broker().host());
        assertEquals("127.0.0.1", o.httpHost());
        assertEquals(8088, o.httpPort());
    }

    @Test
    void httpAddressFromFlagsOrConfig() throws Exception {
        Path file = dir.resolve("http.properties");
        Files.writeString(file, "http.port=9000\nhttp.host=0.0.0.0\n");
        ServerOptions o = ServerOptions.parse(List.of("--config", file.toString(), "--http-port", "9001"));
        assertEquals(9001, o.httpPort());
        assertEquals("0.0.0.0", o.httpHost());
        o = ServerOptions.parse(List.of("--http-host", "::1"));
        assertEquals("::1", o.httpHost());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(List.of("--http-port", "70000")));
        assertTrue(e.getMessage().contains("http.port"), e.getMessage());
    }

    @Test
    void flagsWinOverTheConfigFile() throws Exception {
        Path file = dir.resolve("sluice.properties");
        Files.writeString(file, "kafka.port=9999\ndata.dir=/tmp/x\nlog.retention.ms=1000\nnum.partitions=4\n"
                + "log.retention.check.interval.ms=2000\n");
        ServerOptions o = ServerOptions.parse(List.of("--config", file.toString(), "--kafka-port", "9093"));
        assertEquals(9093, o.broker().port());
        assertEquals(Path.of("/tmp/x"), o.dataDir());
        assertEquals(4, o.broker().defaultPartitions());
        assertEquals("1000", o.broker().storage().logDefaults().get("retention.ms"));
        assertEquals(2000, o.broker().storage().retentionCheckIntervalMs());
    }

    @Test
    void badInputIsRefusedWithTheKeyNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(List.of("--kafka-port", "http")));
        assertTrue(e.getMessage().contains("kafka.port"), e.getMessage());
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "log.retention.hours.typo=3\n");
        e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(List.of("--config", file.toString())));
        assertTrue(e.getMessage().contains("log.retention.hours.typo"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(List.of("--data-dir")));
        assertTrue(e.getMessage().contains("--data-dir needs a value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(List.of("--verbose")));
    }
}
