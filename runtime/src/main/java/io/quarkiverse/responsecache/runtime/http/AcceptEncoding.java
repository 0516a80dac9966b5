package io.quarkiverse.responsecache.runtime.http;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 section 12.5.3) for the one question a hit asks: may the stored gzip form be
 * sent? Codings are case-insensitive, {@code x-gzip} is {@code gzip}, {@code *} stands for every coding not named,
 * and a {@code q} of 0 refuses. Identity is acceptable unless refused, but only an explicit preference for it
 * ({@code identity} or {@code *} with a higher {@code q}) wins over gzip.
 */
public final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** @return whether a response to a request with this {@code Accept-Encoding} should be the gzip form */
    public static boolean prefersGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            // any coding is acceptable then, but the identity is what a client that says nothing surely reads
            return false;
        }
        int gzip = -1;
        int identity = -1;
        int any = -1;
        int length = acceptEncoding.length();
        int start = 0;
        while (start < length) {
            int end = acceptEncoding.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            int semicolon = acceptEncoding.indexOf(';', start);
            int nameEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            String coding = acceptEncoding.substring(start, nameEnd).trim();
            int q = nameEnd < end ? quality(acceptEncoding.substring(nameEnd + 1, end)) : 1000;
            if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                gzip = Math.max(gzip, q);
            } else if (coding.equalsIgnoreCase("identity")) {
                identity = q;
            } else if (coding.equals("*")) {
                any = q;
            }
            start = end + 1;
        }
        if (gzip < 0) {
            gzip = Math.max(any, 0);
        }
        if (identity < 0) {
            identity = any;
        }
        return gzip > 0 && gzip >= identity;
    }

    /**
     * @param parameters what follows the coding's {@code ;}, e.g. {@code q=0.5}
     * @return the weight in thousandths (RFC 9110 section 12.4.2), 0 for one that does not parse
     */
    static int quality(String parameters) {
        String parameter = parameters.trim();
        if (!parameter.startsWith("q=") && !parameter.startsWith("Q=")) {
            // no weight given: the default
            return 1000;
        }
        String value = parameter.substring(2);
        if (value.isEmpty() || value.length() > 5 || (value.charAt(0) != '0' && value.charAt(0) != '1')) {
            return 0;
        }
        int thousandths = (value.charAt(0) - '0') * 1000;
        if (value.length() > 1) {
            if (value.charAt(1) != '.') {
                return 0;
            }
            int scale = 100;
            for (int i = 2; i < value.length(); i++, scale /= 10) {
                char digit = value.charAt(i);
                if (digit < '0' || digit > '9') {
                    return 0;
                }
                thousandths += (digit - '0') * scale;
            }
        }
        return Math.min(thousandths, 1000);
    }
}
