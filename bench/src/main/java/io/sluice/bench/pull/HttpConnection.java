package io.sluice.bench.pull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection for a benchmark client thread: POSTs a JSON body and reads
 * the whole answer (chunked or with a content length). Just enough HTTP for Sluice's API; not
 * thread-safe.
 */
final class HttpConnection implements AutoCloseable {

    /** An answer: status code and body. */
    record Response(int status, byte[] body) {}

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    private HttpConnection(Socket socket, String host) throws IOException {
        this.socket = socket;
        this.socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.host = host;
    }

    static HttpConnection open(URI base) throws IOException {
        return new HttpConnection(new Socket(base.getHost(), base.getPort()),
                base.getHost() + ":" + base.getPort());
    }

    Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream(256);
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                answer.write(in.readNBytes(size));
                line(); // the CRLF after the chunk
            }
            for (String t = line(); !t.isEmpty(); t = line()) {
                // trailers: none expected
            }
        } else if (length >= 0) {
            answer.write(in.readNBytes((int) length));
        } else {
            throw new IOException("an answer with neither a length nor chunks: " + status);
        }
        return new Response(code, answer.toByteArray());
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
