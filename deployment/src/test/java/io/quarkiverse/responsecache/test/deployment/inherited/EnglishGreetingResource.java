package io.quarkiverse.responsecache.test.deployment.inherited;

import jakarta.ws.rs.Path;

@Path("/english")
public class EnglishGreetingResource extends GreetingResource {

    @Override
    String greeting() {
        return "hello";
    }
}
