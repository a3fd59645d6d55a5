package io.sluice.shell;

import io.sluice.driver.SluiceClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code sluice shell}: the interactive shell, or with {@code -f}/{@code -e} a script run that
 * exits 0 when every statement succeeded, 1 at the first that failed (after printing its line),
 * and 2 for a bad command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) throws Exception {
        ShellOptions options;
        try {
            options = ShellOptions.parse(Arrays.asList(args), env);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice shell: " + e.getMessage() + "\n" + Help.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.println(Help.USAGE);
            return 0;
        }
        SluiceClient client;
        try {
            client = SluiceClient.connect(options.server());
        } catch (IllegalArgumentException e) {
            System.err.println("sluice shell: " + e.getMessage());
            return 2;
        }
        Session session = new Session(client, options.output(), options.queryTimeout(), !options.scriptMode());
        session.variables().putAll(options.defines());
        if (!options.scriptMode()) {
            if (System.console() != null) {
                return new InteractiveShell(options, session).run();
            }
            // statements piped in (sluice shell < file.sql) run as a script: no prompts, exit codes
            String piped = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            options = options.withStatements(piped);
            session = new Session(client, options.output(), options.queryTimeout(), false);
            session.variables().putAll(options.defines());
        }
        return ScriptRunner.run(options, session, writer(System.out), writer(System.err), columns(env));
    }

    private static PrintWriter writer(java.io.PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    private static int columns(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "120"));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
