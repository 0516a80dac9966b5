package io.quarkiverse.responsecache.it.library;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkus.panache.common.Sort;

/** Authors through a Panache repository: a list that starts empty, cached, and a create. */
@Path("/authors")
public class AuthorResource {

    @Inject
    AuthorRepository authors;

    @GET
    @ResponseCache(expire = 600)
    public List<Author> list() {
        return authors.listAll(Sort.by("id"));
    }

    @POST
    @Transactional
    public Response create(Author author) {
        author.id = null;
        authors.persist(author);
        return Response.status(Response.Status.CREATED).entity(author).build();
    }
}
