package io.quarkiverse.responsecache.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The tutorial against the packaged application: the jar on every build, the native executable with -Dnative. */
@QuarkusIntegrationTest
class TutorialIT extends TutorialTest {
}
