package io.quarkiverse.responsecache.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the tests may write files a process then executes or maps (the embedded Redis binary, Varnish's compiled
 * VCL). The temporary directory comes first; as it is mounted noexec on some CI machines, the others follow.
 */
final class ScratchDirectories {

    private ScratchDirectories() {
    }

    /** @return the writable candidates, best first */
    static List<Path> executableCandidates() {
        return Stream.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/var/tmp"),
                // surefire and failsafe run in the module's directory
                Path.of(System.getProperty("user.dir"), "target"))
                .filter(Files::isDirectory).filter(Files::isWritable).distinct().toList();
    }
}
