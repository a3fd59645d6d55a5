package io.sluice.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shell in a child JVM on a real pseudo-terminal: a private tmux server (its own socket, so
 * tests never touch a user's tmux) runs it; tests type with send-keys and read the screen with
 * capture-pane, as a person would see it.
 */
final class TmuxTerminal implements AutoCloseable {

    private final Path socket;

    private TmuxTerminal(Path socket) {
        this.socket = socket;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code io.sluice.shell.Main} with these arguments in a 100x30 terminal. */
    static TmuxTerminal startShell(Path dir, List<String> shellArgs) throws IOException, InterruptedException {
        Path socket = Files.createTempFile(dir, "tmux", ".sock");
        Files.delete(socket);
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        java.addAll(shellArgs);
        StringBuilder command = new StringBuilder("exec ");
        for (String part : java) {
            command.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        // the test classpath is too long for a tmux command line: run it from a script
        Path script = Files.createTempFile(dir, "shell", ".sh");
        Files.writeString(script, command + "\n");
        // keep the pane after the shell exits, so tests can read its last words
        TmuxTerminal t = new TmuxTerminal(socket);
        t.tmux("new-session", "-d", "-x", "100", "-y", "30",
                "bash " + script + "; echo '[shell exited]'; sleep 30");
        return t;
    }

    /**
     * Starts the interactive shell against {@code serverUrl}, its history in {@code dir}, and waits
     * up to 30 s for its first prompt; a shell that does not get there is closed.
     */
    static TmuxTerminal startInteractive(Path dir, String serverUrl) throws IOException, InterruptedException {
        TmuxTerminal t = startShell(dir, List.of("--server", serverUrl,
                "--history", dir.resolve("history").toString()));
        try {
            t.waitFor(InteractiveShell.PROMPT.strip(), 30);
        } catch (AssertionError e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Types text literally (no key names, no tmux parsing of ';'). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "0", "-l", text);
    }

    /** Presses keys by tmux name: Enter, Tab, C-c, C-d, C-r, Up. */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Pastes text as a terminal does with bracketed paste (when the application asked for it). */
    void paste(String text) throws IOException, InterruptedException {
        tmux("set-buffer", "--", text);
        tmux("paste-buffer", "-p", "-t", "0");
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "0");
    }

    /**
     * Waits until the screen shows {@code text} (capture-pane drops trailing blanks, so {@code text}
     * should end with a visible character); fails with the screen after {@code seconds}.
     */
    String waitFor(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String s = screen();
        while (!s.contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed '" + text + "':\n" + s + "\npanes: "
                        + tmux("list-panes", "-a", "-F", "#{pane_dead} #{pane_current_command} #{pane_pid}"));
            }
            Thread.sleep(100);
            s = screen();
        }
        return s;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        for (String a : args) {
            // tmux reads an argument's trailing ';' as a command separator; "\;" is a literal one
            command.add(a.endsWith(";") ? a.substring(0, a.length() - 1) + "\\;" : a);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** Ends the tmux server and with it the shell. */
    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").redirectErrorStream(true).start()
                .waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(socket);
    }
}
