package io.quarkiverse.responsecache.test.deployment.inherited;

import jakarta.ws.rs.Path;

@Path("/french")
public class FrenchGreetingResource extends GreetingResource {

    @Override
    String greeting() {
        return "bonjour";
    }
}
