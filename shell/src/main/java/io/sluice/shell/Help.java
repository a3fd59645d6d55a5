package io.sluice.shell;

/** The text of the {@code help} command and of {@code --help}. */
final class Help {

    private Help() {
    }

    static final String USAGE = """
            usage: sluice shell [--server URL] [-f FILE | -e STATEMENTS] [--output tabular|json|csv]
                                [--define NAME=VALUE]... [--query-timeout DURATION] [--history FILE]
              --server URL          the server's HTTP API (default $SLUICE_SERVER or http://127.0.0.1:8088)
              -f FILE               run the file's statements in order, stop at the first error, exit 1 on error
              -e STATEMENTS         run these statements the same way
              --output FORMAT       tabular (default), json or csv
              --define NAME=VALUE   a variable for ${NAME} substitution (repeatable)
              --query-timeout D     stop push queries after D (e.g. 30s, 500ms, 2m; a bare number is seconds);
                                    scripts need it, or a LIMIT, for push queries
              --history FILE        interactive history file (default ~/.sluice_history)
            Statements piped into the shell (sluice shell < file.sql) run like -f.
            """;

    static final String TEXT = """
            Statements end with ';' and may span lines. Ctrl-C stops a running query; Ctrl-D or 'exit' leaves.
            Tab completes keywords and the server's streams, tables, topics, functions and columns.
            Ctrl-R searches the history.

            Shell commands:
              SET 'property' = 'value';   send a property with every statement (e.g. auto.offset.reset)
              UNSET 'property';           stop sending it
              DEFINE name = 'value';      a variable: ${name} in later statements is replaced by value
              UNDEFINE name;              forget a variable
              SHOW VARIABLES;             the defined variables
              OUTPUT [TABULAR|JSON|CSV];  show or change how results print
              SET CLI WRAP ON|OFF;        wrap wide cells onto more lines (default) or cut them
              RUN SCRIPT 'file';          run a file's statements, stopping at the first error
              help                        this text
              history                     the statements typed so far
              server [url]                show the server, or switch to another one
              version                     the shell's and the server's versions
              clear                       clear the screen
              exit                        leave the shell (the server keeps running)

            Everything else goes to the server: CREATE/DROP STREAM|TABLE, INSERT INTO, SHOW STREAMS|TABLES|
            TOPICS|QUERIES|FUNCTIONS, DESCRIBE, TERMINATE, and SELECT ... EMIT CHANGES (push) or SELECT (pull).
            """;
}
