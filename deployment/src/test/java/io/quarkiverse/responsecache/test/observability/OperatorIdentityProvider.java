package io.quarkiverse.responsecache.test.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Basic authentication for the purge tests, standing in for a real realm: {@code operator:secret} has the role
 * {@code cache-operator}, {@code viewer:secret} only {@code viewer}.
 */
@ApplicationScoped
public class OperatorIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String PASSWORD = "secret";

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String user = request.getUsername();
        if (!PASSWORD.equals(new String(request.getPassword().getPassword()))
                || !("operator".equals(user) || "viewer".equals(user))) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user))
                .addRole("operator".equals(user) ? "cache-operator" : "viewer").build());
    }
}
