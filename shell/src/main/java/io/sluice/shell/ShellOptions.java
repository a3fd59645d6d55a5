package io.sluice.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shell's command line.
 *
 * @param file {@code -f}: a script to run instead of the interactive shell
 * @param statements {@code -e}: statements to run instead of the interactive shell
 * @param queryTimeout zero when push queries run until their LIMIT or Ctrl-C
 */
record ShellOptions(String server, Optional<Path> file, Optional<String> statements, OutputFormat output,
        Map<String, String> defines, Duration queryTimeout, Path historyFile, boolean help) {

    static final String DEFAULT_SERVER = "http://127.0.0.1:8088";

    /** The same options running {@code statements} as {@code -e} would. */
    ShellOptions withStatements(String text) {
        return new ShellOptions(server, Optional.empty(), Optional.of(text), output, defines, queryTimeout, historyFile,
                help);
    }

    boolean scriptMode() {
        return file.isPresent() || statements.isPresent();
    }

    /** Parses arguments; {@code env} supplies SLUICE_SERVER and HOME defaults. */
    static ShellOptions parse(List<String> args, Map<String, String> env) {
        String server = env.getOrDefault("SLUICE_SERVER", DEFAULT_SERVER);
        Path file = null;
        String statements = null;
        OutputFormat output = OutputFormat.TABULAR;
        Map<String, String> defines = new LinkedHashMap<>();
        Duration timeout = Duration.ZERO;
        Path history = Path.of(env.getOrDefault("HOME", "."), ".sluice_history");
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--server", "-s" -> server = value(args, ++i, a);
                case "-f", "--file" -> file = Path.of(value(args, ++i, a));
                case "-e", "--execute" -> statements = value(args, ++i, a);
                case "--output" -> output = OutputFormat.parse(value(args, ++i, a));
                case "--query-timeout" -> timeout = duration(value(args, ++i, a));
                case "--history" -> history = Path.of(value(args, ++i, a));
                case "--define", "-d" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--define needs NAME=VALUE, got '" + kv + "'");
                    }
                    defines.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (file != null && statements != null) {
            throw new IllegalArgumentException("-f and -e cannot be used together");
        }
        return new ShellOptions(server, Optional.ofNullable(file), Optional.ofNullable(statements), output,
                Map.copyOf(defines), timeout, history, help);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    static Duration duration(String s) {
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + s + "' (e.g. 30s, 500ms, 2m)");
        }
    }
}
