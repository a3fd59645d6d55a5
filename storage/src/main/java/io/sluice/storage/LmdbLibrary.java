package io.sluice.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Picks the native LMDB library lmdbjava will load, before lmdbjava's own classes initialize.
 *
 * <p>Why: lmdbjava 0.9.x ships its native library built against glibc 2.38, so on older Linux
 * systems (Debian 12, Ubuntu 22.04, RHEL 9: glibc 2.34-2.36) it fails to load with
 * {@link UnsatisfiedLinkError}, and lmdbjava's loader class is then unusable for the life of the
 * JVM. So this class tries the library itself first and, only if that fails, points lmdbjava
 * (system property {@code lmdbjava.native.lib}) at a library that does load:
 * <ol>
 * <li>{@code lmdbjava.native.lib} set by the operator: used as is, nothing probed;</li>
 * <li>the library in lmdbjava's jar, if it loads here (extracted once, reused by lmdbjava);</li>
 * <li>on Linux x86_64, the LMDB 0.9.29 build of {@code org.lmdbjava:lmdbjava-native-linux-x86_64}
 *     (a dependency of this module; it needs only glibc 2.14);</li>
 * <li>the system's {@code liblmdb.so.0} (Debian/Ubuntu package {@code liblmdb0}, RHEL {@code lmdb-libs}).</li>
 * </ol>
 * Extracted files go to {@code lmdbjava.extract.dir} or {@code java.io.tmpdir} (which must allow
 * executing mapped files), named by a checksum of their content so that restarts reuse them.
 *
 * <p>Public only so that {@code io.sluice.storage.state} shares this one choice; not an API for
 * other modules.
 *
 * <p>Thread-safety: {@link #ensureLoadable()} is synchronized and does its work once.
 */
public final class LmdbLibrary {

    static final String NATIVE_LIB_PROP = "lmdbjava.native.lib";
    private static final String EXTRACT_DIR_PROP = "lmdbjava.extract.dir";
    private static final String COMPAT_RESOURCE = "/org/lmdbjava/lmdbjava-native-linux-x86_64.so";
    private static final String COMPAT_RESOURCE_PLATFORM = "x86_64-linux";
    private static final List<String> SYSTEM_LIBRARIES = List.of(
            "/usr/lib/x86_64-linux-gnu/liblmdb.so.0", "/usr/lib/aarch64-linux-gnu/liblmdb.so.0",
            "/usr/lib64/liblmdb.so.0", "/usr/lib/liblmdb.so.0", "/usr/local/lib/liblmdb.so");

    private static final System.Logger LOG = System.getLogger(LmdbLibrary.class.getName());

    private static boolean done;
    private static String failure;

    private LmdbLibrary() {
    }

    /**
     * Makes sure lmdbjava will find a native library that loads on this machine.
     *
     * @throws StorageException when none does, saying what was tried and how to provide one
     */
    public static synchronized void ensureLoadable() {
        if (!done) {
            done = true;
            failure = choose();
        }
        if (failure != null) {
            throw new StorageException(failure);
        }
    }

    private static String choose() {
        if (System.getProperty(NATIVE_LIB_PROP) != null) {
            return null;
        }
        String bundled = bundledResource();
        if (bundled == null) {
            return null; // a platform we do not know: let lmdbjava decide and report
        }
        StringBuilder tried = new StringBuilder();
        Path lib = extractAndLoad(bundled, tried);
        if (lib == null && COMPAT_RESOURCE_PLATFORM.equals(platform())) {
            lib = extractAndLoad(COMPAT_RESOURCE, tried);
        }
        if (lib == null) {
            for (String candidate : SYSTEM_LIBRARIES) {
                Path p = Path.of(candidate);
                if (Files.isRegularFile(p) && load(p, tried)) {
                    lib = p;
                    break;
                }
            }
        }
        if (lib == null) {
            return "no native LMDB library loads on this machine (tried " + tried + "); install the system"
                    + " package (liblmdb0 on Debian/Ubuntu) or set -D" + NATIVE_LIB_PROP + "=/path/to/liblmdb.so";
        }
        System.setProperty(NATIVE_LIB_PROP, lib.toString());
        LOG.log(System.Logger.Level.DEBUG, () -> "LMDB native library: " + System.getProperty(NATIVE_LIB_PROP));
        return null;
    }

    private static String platform() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "aarch64" : null;
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos" : os.startsWith("windows")
                ? "windows" : null;
        return a == null || o == null ? null : a + "-" + o;
    }

    /** The resource name lmdbjava's jar uses for this platform, or null for one it does not ship. */
    private static String bundledResource() {
        String p = platform();
        if (p == null) {
            return null;
        }
        return switch (p) {
            case "x86_64-linux", "aarch64-linux" -> "/org/lmdbjava/native/" + p + "-gnu.so";
            case "x86_64-macos", "aarch64-macos" -> "/org/lmdbjava/native/" + p + "-none.so";
            case "x86_64-windows" -> "/org/lmdbjava/native/" + p + "-gnu.dll";
            default -> null;
        };
    }

    private static Path extractAndLoad(String resource, StringBuilder tried) {
        try (InputStream in = LmdbLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                tried.append(tried.length() == 0 ? "" : ", ").append(resource).append(": not on the class path");
                return null;
            }
            byte[] bytes = in.readAllBytes();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            Path dir = Path.of(System.getProperty(EXTRACT_DIR_PROP, System.getProperty("java.io.tmpdir")));
            Files.createDirectories(dir);
            // named by content, so every JVM (and every restart after a kill) reuses one file
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            Path file = dir.resolve("sluice-lmdb-" + Long.toHexString(crc.getValue()) + "-" + name);
            if (!Files.isRegularFile(file) || Files.size(file) != bytes.length) {
                Path tmp = Files.createTempFile(dir, "sluice-lmdb-", ".tmp");
                try {
                    Files.write(tmp, bytes);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return load(file, tried) ? file : null;
        } catch (IOException e) {
            tried.append(tried.length() == 0 ? "" : ", ").append(resource).append(": ").append(e.getMessage());
            return null;
        }
    }

    private static boolean load(Path file, StringBuilder tried) {
        try {
            // loading it here proves the dynamic linker accepts it; lmdbjava's own load then reuses it
            System.load(file.toAbsolutePath().toString());
            return true;
        } catch (UnsatisfiedLinkError e) {
            tried.append(tried.length() == 0 ? "" : ", ").append(file).append(": ").append(e.getMessage());
            return false;
        }
    }
}
