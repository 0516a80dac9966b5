package io.quarkiverse.responsecache.it.library;

import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** Another endpoint that writes books, through a bean, with no cache annotation either. */
@Path("/library")
public class LibraryResource {

    @Inject
    Librarian librarian;

    @PUT
    @Path("/books/{id}/title")
    public void retitle(@PathParam("id") long id, @QueryParam("title") String title) {
        librarian.retitle(id, title);
    }
}
