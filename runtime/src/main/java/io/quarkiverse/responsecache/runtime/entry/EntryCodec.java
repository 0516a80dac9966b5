package io.quarkiverse.responsecache.runtime.entry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;

/**
 * What the store holds for a response: its {@link CachedResponseCodec} form, signed with an HMAC over the key and the
 * whole entry when {@code entry-signing-key} is set (see failure-modes.adoc). The first key signs, every key verifies,
 * so keys rotate without a wave of misses. The keys are never logged.
 */
@Singleton
public class EntryCodec {

    private static final Logger LOG = Logger.getLogger(EntryCodec.class);
    static final String SIGNED = "RS1 ";
    private static final int MAC_CHARS = 43;
    private static final int HEAD = SIGNED.length() + MAC_CHARS + 1;
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder MAC_ENCODING = Base64.getUrlEncoder().withoutPadding();

    /** The first signs, all verify. One {@link Mac} per key and thread: Macs are stateful. */
    private final List<ThreadLocal<Mac>> macs;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicBoolean incident = new AtomicBoolean();

    @Inject
    public EntryCodec(ResponseCacheConfig config) {
        this(config.entrySigningKey().orElse(List.of()));
    }

    /** @param base64Keys standard or URL-safe; none: unsigned entries */
    public EntryCodec(List<String> base64Keys) {
        List<ThreadLocal<Mac>> keyed = new ArrayList<>(base64Keys.size());
        for (int i = 0; i < base64Keys.size(); i++) {
            SecretKeySpec key = new SecretKeySpec(decodeKey(base64Keys.get(i), i), "HmacSHA256");
            keyed.add(ThreadLocal.withInitial(() -> mac(key)));
        }
        this.macs = List.copyOf(keyed);
    }

    public static EntryCodec unsigned() {
        return new EntryCodec(List.of());
    }

    public boolean signs() {
        return !macs.isEmpty();
    }

    public long rejected() {
        return rejected.get();
    }

    public byte[] encode(String key, CachedResponse response) {
        byte[] entry = CachedResponseCodec.encode(response);
        if (macs.isEmpty()) {
            return entry;
        }
        byte[] signed = new byte[HEAD + entry.length];
        byte[] head = (SIGNED + MAC_ENCODING.encodeToString(sign(macs.get(0).get(), key, entry, 0)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, signed, 0, HEAD);
        System.arraycopy(entry, 0, signed, HEAD, entry.length);
        return signed;
    }

    /** @return null: nothing, a mark, garbage, or a MAC that fails */
    public CachedResponse decode(String key, byte[] stored) {
        if (macs.isEmpty() || stored == null) {
            return CachedResponseCodec.decode(stored);
        }
        if (!verifies(key, stored)) {
            // a tombstone, a placeholder or nothing is no entry, whoever wrote it: only refused entries count
            if (CachedResponseCodec.decode(stored) != null || startsWithSigned(stored)) {
                rejectedOne(key);
            }
            return null;
        }
        if (incident.get() && incident.compareAndSet(true, false)) {
            LOG.info("Response cache: entries verify again");
        }
        return CachedResponseCodec.decode(java.util.Arrays.copyOfRange(stored, HEAD, stored.length));
    }

    private boolean verifies(String key, byte[] stored) {
        if (stored.length < HEAD || !startsWithSigned(stored) || stored[HEAD - 1] != '\n') {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getUrlDecoder().decode(new String(stored, SIGNED.length(), MAC_CHARS,
                    StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        for (ThreadLocal<Mac> mac : macs) {
            if (MessageDigest.isEqual(claimed, sign(mac.get(), key, stored, HEAD))) {
                return true;
            }
        }
        return false;
    }

    private void rejectedOne(String key) {
        long count = rejected.incrementAndGet();
        if (!incident.get() && incident.compareAndSet(false, true)) {
            LOG.warnf("Response cache: the entry under %s does not carry a valid signature (written without the"
                    + " signing key, or changed since): a miss, overwritten by the next store. Rejected entries so"
                    + " far: %d; nothing more is logged until an entry verifies again", key, count);
        }
    }

    /** The zero byte separates the key from the entry. */
    private static byte[] sign(Mac mac, String key, byte[] entry, int offset) {
        mac.update(key.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(entry, offset, entry.length - offset);
        return mac.doFinal();
    }

    private static boolean startsWithSigned(byte[] stored) {
        for (int i = 0; i < SIGNED.length(); i++) {
            if (i >= stored.length || stored[i] != SIGNED.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Never puts the value in a message: it is a secret. */
    private static byte[] decodeKey(String value, int position) {
        byte[] key;
        try {
            String trimmed = value.trim();
            key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("quarkus.response-cache.entry-signing-key: key number " + (position + 1)
                    + " is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("quarkus.response-cache.entry-signing-key: key number " + (position + 1)
                    + " has " + key.length + " bytes; give at least " + MIN_KEY_BYTES
                    + " random bytes, e.g. openssl rand -base64 32");
        }
        return key;
    }
}
