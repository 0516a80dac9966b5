package io.quarkiverse.responsecache.runtime.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class StoredCompressionTest {

    static final byte[] JSON = "{\"items\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}"
            .getBytes(StandardCharsets.UTF_8);
    static final StoredCompression BY_TYPE = new StoredCompression(false, Set.of("application/json", "text/plain"), 6);

    @Test
    void aCompressedMediaTypeIsKeptAsGzipOfItsBody() throws IOException {
        EncodedBody gzip = BY_TYPE.gzip("application/json;charset=UTF-8", null, JSON);
        assertThat(gzip.coding()).isEqualTo("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(JSON);
        }
        assertThat(BY_TYPE.gzip("Application/JSON", null, JSON)).isNotNull();
    }

    @Test
    void otherTypesAnEncodedBodyAndAnEmptyBodyAreNot() {
        assertThat(BY_TYPE.gzip("image/png", null, JSON)).isNull();
        assertThat(BY_TYPE.gzip(null, null, JSON)).isNull();
        assertThat(BY_TYPE.gzip("application/json", "br", JSON)).isNull();
        assertThat(BY_TYPE.gzip("application/json", null, new byte[0])).isNull();
        assertThat(StoredCompression.NONE.gzip("application/json", null, JSON)).isNull();
    }

    @Test
    void aCompressedMethodIsCompressedWhateverItsType() {
        assertThat(new StoredCompression(true, Set.of(), 1).gzip("application/octet-stream", null, JSON)).isNotNull();
    }

    @Test
    void eachFormHasItsOwnTag() {
        EncodedBody gzip = new EncodedBody("gzip", new byte[20]);
        assertThat(gzip.etag("\"abc\"")).isEqualTo("\"abc-gzip\"");
        assertThat(gzip.etag("W/\"abc\"")).isEqualTo("W/\"abc-gzip\"");
    }
}
