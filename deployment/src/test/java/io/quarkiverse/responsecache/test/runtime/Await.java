package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ThreadLocalRandom;

import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.restassured.response.Response;

/**
 * Entries are written without delaying the response, so tests that look at them wait (2 s at most) instead of
 * assuming they are already there.
 */
public final class Await {

    private Await() {
    }

    /** @return an id no earlier test run used, so a shared Redis never answers with an old entry */
    public static String unique() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    public static String entryKeyHolding(RedisTestClient redis, String prefix, String body) {
        long deadline = System.currentTimeMillis() + 2000;
        while (true) {
            for (String key : redis.keys(prefix + ":*")) {
                String value = (String) redis.command("GET", key);
                if (value != null && value.endsWith("\n" + body)) {
                    return key;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no entry holds " + body);
            }
            pause();
        }
    }

    public static void cachedBody(String path, String expected) {
        cachedBody(path, expected, "X-Cache");
    }

    public static void cachedBody(String path, String expected, String cacheStatusHeader) {
        long deadline = System.currentTimeMillis() + 2000;
        while (true) {
            Response response = given().get(path);
            if ("HIT".equals(response.header(cacheStatusHeader)) && expected.equals(response.asString())) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(path + " never served " + expected + " from the cache; last: "
                        + response.asString() + " " + response.header(cacheStatusHeader));
            }
            pause();
        }
    }

    public static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
