package io.quarkiverse.responsecache.runtime.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.quarkiverse.responsecache.spi.EntryMarks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script on one key, sent by its SHA-1 so that an eviction of 100,000 entries does not send its text 100,000
 * times; a server that answers {@code NOSCRIPT} (a restart, another node) gets it once with {@code EVAL}.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    RedisScript(String source) {
        this.source = source;
        this.sha = EntryMarks.fingerprint(source.getBytes(StandardCharsets.UTF_8));
    }

    /** @param arguments each a {@code String} or a {@code byte[]} */
    Uni<Response> run(Redis redis, String key, Object... arguments) {
        return redis.send(request(Command.EVALSHA, sha, key, arguments))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, source, key, arguments)));
    }

    /** Runs the script on several keys at once: only where they may share a script (a single Redis, one slot). */
    Uni<Response> run(Redis redis, List<String> keys, Object... arguments) {
        return redis.send(request(Command.EVALSHA, sha, keys, arguments))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, source, keys, arguments)));
    }

    Uni<List<Response>> runEachLoaded(Redis redis, List<String> keys, Function<String, Object[]> arguments) {
        return runEach(redis, keys, arguments).onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> load(redis).chain(() -> runEach(redis, keys, arguments)));
    }

    /** One pipelined batch: not on a cluster's client (one slot per batch); {@link #load} first, it is not retried. */
    Uni<List<Response>> runEach(Redis redis, List<String> keys, Function<String, Object[]> arguments) {
        List<Request> requests = new ArrayList<>(keys.size());
        for (String key : keys) {
            requests.add(request(Command.EVALSHA, sha, key, arguments.apply(key)));
        }
        return redis.batch(requests);
    }

    Uni<Void> load(Redis redis) {
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).replaceWithVoid();
    }

    private static Request request(Command command, String script, String key, Object[] arguments) {
        return request(command, script, List.of(key), arguments);
    }

    private static Request request(Command command, String script, List<String> keys, Object[] arguments) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        for (String key : keys) {
            request.arg(key);
        }
        for (Object argument : arguments) {
            if (argument instanceof byte[] bytes) {
                request.arg(bytes);
            } else {
                request.arg(argument.toString());
            }
        }
        return request;
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }
}
