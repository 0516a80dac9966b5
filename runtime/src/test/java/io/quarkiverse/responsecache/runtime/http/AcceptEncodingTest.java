package io.quarkiverse.responsecache.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "[{0}] -> gzip: {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | false",
            "'' | false",
            "gzip | true",
            "GZip | true",
            "x-gzip | true",
            "gzip, deflate, br | true",
            "deflate, br | false",
            "gzip;q=0 | false",
            "gzip; q=0.000 | false",
            "gzip;Q=0 | false",
            "gzip;q=0.001 | true",
            "gzip;q=0.5 | true",
            "gzip;q=0.5, identity | false",
            "gzip;q=0.5, identity;q=0.5 | true",
            "identity;q=0, gzip | true",
            "identity;q=0 | false",
            "* | true",
            "*;q=0 | false",
            "*;q=0, identity | false",
            "*, gzip;q=0 | false",
            "gzip;q=2 | false",
            "gzip;q=abc | false",
            "gzip;q= | false",
            " , gzip ,  | true",
    })
    void prefersGzipAsTheQualityValuesSay(String acceptEncoding, boolean gzip) {
        assertThat(AcceptEncoding.prefersGzip(acceptEncoding)).isEqualTo(gzip);
    }
}
