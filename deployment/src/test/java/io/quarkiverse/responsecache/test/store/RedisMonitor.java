package io.quarkiverse.responsecache.test.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Redis's {@code MONITOR}, read on a socket of its own: every command the server runs, each marked with who sent it,
 * a client's address or {@code lua} for a command a script ran. So a test counts the round trips the application
 * makes apart from the work its scripts do, on Redis 6.2 and 7 alike.
 */
final class RedisMonitor implements AutoCloseable {

    /** One command the server ran: who sent it ({@code lua} inside a script) and its name, lower case. */
    record Command(String client, String name, String line) {
        boolean fromScript() {
            return client.equals("lua");
        }
    }

    private final Socket socket;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    RedisMonitor(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (!"+OK".equals(reader.readLine())) {
                throw new IllegalStateException("MONITOR refused");
            }
            Thread thread = new Thread(() -> read(reader), "redis-monitor");
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                int open = line.indexOf('[');
                int close = line.indexOf(']', open);
                int quote = line.indexOf('"', close);
                if (open < 0 || close < 0 || quote < 0) {
                    continue;
                }
                String[] source = line.substring(open + 1, close).split(" ");
                String name = line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase(Locale.ROOT);
                commands.add(new Command(source[source.length - 1], name, line));
            }
        } catch (IOException closed) {
            // the test closed the monitor
        }
    }

    /** @return what the server ran so far, in order */
    List<Command> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
