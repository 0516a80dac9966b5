package io.quarkiverse.responsecache.runtime.store.redis;

/**
 * The Lua scripts of the Redis store. Each names exactly one key, so each runs unchanged on Redis Cluster; each heals
 * a key of the wrong type (garbage, an older version's index) by deleting it, so caching resumes by itself.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    /** KEYS[1] index; ARGV member, time to live (ms). Returns 1, or 2 when it replaced a value of another type. */
    static final RedisScript INDEX = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            local healed = 1
            if kind ~= 'zset' and kind ~= 'none' then redis.call('DEL', KEYS[1]) healed = 2 end
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local ttl = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local score = now + ttl
            local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if current and tonumber(current) >= score then score = tonumber(current) + 1 end
            redis.call('ZADD', KEYS[1], score, ARGV[1])
            if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
            return healed
            """);
    /** KEYS[1] entry; ARGV placeholder, its time to live (ms). Returns the SHA-1 of what the key holds then. */
    static final RedisScript CLAIM = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind == 'string' then return redis.sha1hex(redis.call('GET', KEYS[1])) end
            if kind ~= 'none' then redis.call('DEL', KEYS[1]) end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return redis.sha1hex(ARGV[1])
            """);
    /** KEYS[1] entry; ARGV claim, entry, time to live (ms). Returns 1 when stored, 0 when the key changed. */
    static final RedisScript PUT_IF_CLAIMED = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            if redis.sha1hex(redis.call('GET', KEYS[1])) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);
    /**
     * KEYS[1] entry; ARGV fingerprint, entry, longest time to live (ms). Returns 1 when replaced, keeping the key's
     * time to live or cutting it to the longest, 0 when the key changed.
     */
    static final RedisScript REPLACE_IF_UNCHANGED = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            if redis.sha1hex(redis.call('GET', KEYS[1])) ~= ARGV[1] then return 0 end
            local ttl = redis.call('PTTL', KEYS[1])
            local longest = tonumber(ARGV[3])
            if ttl == 0 then return 0 end
            if ttl < 0 or ttl > longest then ttl = longest end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            return 1
            """);
    /** KEYS[1] entry; ARGV claim. Deletes the key if it still holds that claim's placeholder. */
    static final RedisScript RELEASE_CLAIM = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            local value = redis.call('GET', KEYS[1])
            if string.sub(value, 1, 11) == 'RC-PENDING ' and redis.sha1hex(value) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);
    /** KEYS[1] entry; ARGV tombstone, its time to live (ms). Returns 1 when an entry (not a mark) was there. */
    static final RedisScript TOMBSTONE = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            local evicted = 0
            if kind == 'string' then
              local head = redis.call('GETRANGE', KEYS[1], 0, 12)
              if string.sub(head, 1, 13) ~= 'RC-TOMBSTONE ' and string.sub(head, 1, 11) ~= 'RC-PENDING ' then
                evicted = 1
              end
            elseif kind ~= 'none' then redis.call('DEL', KEYS[1]) end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return evicted
            """);
    /** KEYS[1] index; ARGV member, score pairs. Removes the members whose score is still the one read. */
    static final RedisScript REMOVE_UNCHANGED = new RedisScript("""
            local removed = 0
            for i = 1, #ARGV, 2 do
              local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
              if score and tonumber(score) == tonumber(ARGV[i + 1]) then
                removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
              end
            end
            return removed
            """);
    /** KEYS[1] lock; ARGV token, lease (ms). A lock without a TTL or of another type is garbage: it goes first. */
    static final RedisScript LOCK = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind ~= 'none' and (kind ~= 'string' or redis.call('PTTL', KEYS[1]) == -1) then
              redis.call('DEL', KEYS[1])
            end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0
            """);
    static final RedisScript RELEASE_LOCK = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok == 'string' and redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);
}
