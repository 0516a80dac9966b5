package io.quarkiverse.responsecache.it.library;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * A plain Panache CRUD resource: its reads are cached, its writes carry no cache annotation at all. Entity tracking
 * evicts what each write changed when its transaction commits.
 */
@Path("/books")
public class BookResource {

    private static final AtomicInteger SLOW_READS = new AtomicInteger();

    @GET
    @ResponseCache(expire = 600)
    public List<Book> list() {
        return Book.listAll(Sort.by("id"));
    }

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 600)
    public Book get(@PathParam("id") long id) {
        return existing(id);
    }

    @GET
    @Path("/{id}/summary")
    @ResponseCache(expire = 600)
    public BookSummary summary(@PathParam("id") long id) {
        return BookSummary.of(existing(id));
    }

    /** The first page of 20 books, for the benchmark of what tracking costs a miss. */
    @GET
    @Path("/page")
    @ResponseCache(expire = 600)
    public List<Book> page() {
        return Book.<Book> findAll(Sort.by("id")).page(0, 20).list();
    }

    /** The same page, untracked: the benchmark's reference. */
    @GET
    @Path("/page-untracked")
    @ResponseCache(expire = 600, trackEntities = false)
    public List<Book> pageUntracked() {
        return Book.<Book> findAll(Sort.by("id")).page(0, 20).list();
    }

    @GET
    @Path("/count")
    @ResponseCache(expire = 600)
    public long count() {
        return Book.count();
    }

    /** A {@code Uni} endpoint, run on a worker thread as Hibernate ORM needs. */
    @GET
    @Path("/cheaper-than/{price}")
    @Blocking
    @ResponseCache(expire = 600)
    public Uni<List<BookSummary>> cheaperThan(@PathParam("price") int price) {
        return Uni.createFrom().item(() -> Book.<Book> list("price < ?1", Sort.by("id"), price).stream()
                .map(BookSummary::of).toList());
    }

    /**
     * A slow read: it reads the book, then takes 300 ms more, so a write can commit between its read and its store.
     * What it read must not be stored after that write.
     */
    @GET
    @Path("/{id}/slow")
    @ResponseCache(expire = 600)
    public BookSummary slow(@PathParam("id") long id) throws InterruptedException {
        BookSummary summary = BookSummary.of(existing(id));
        SLOW_READS.incrementAndGet();
        Thread.sleep(300);
        return summary;
    }

    /** How many slow reads have read their book, for tests that write in between. */
    @GET
    @Path("/slow-reads")
    public int slowReads() {
        return SLOW_READS.get();
    }

    @POST
    @Transactional
    public Response create(Book book) {
        book.id = null;
        book.persist();
        return Response.status(Response.Status.CREATED).entity(book).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public Book update(@PathParam("id") long id, Book changes) {
        Book book = existing(id);
        book.title = changes.title;
        book.price = changes.price;
        return book;
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public void delete(@PathParam("id") long id) {
        if (!Book.deleteById(id)) {
            throw new NotFoundException();
        }
    }

    /** A bulk update: no entity is loaded, every price changes. */
    @POST
    @Path("/discount")
    @Transactional
    public int discount(@QueryParam("percent") int percent) {
        return Book.update("price = price * ?1 / 100", 100 - percent);
    }

    /** Renames the book, then fails: the transaction rolls back, and nothing is evicted. */
    @PUT
    @Path("/{id}/rename-and-fail")
    @Transactional
    public void renameAndFail(@PathParam("id") long id, @QueryParam("title") String title) {
        Book book = Book.findById(id);
        book.title = title;
        Book.flush();
        throw new WebApplicationException("refused after the rename", 409);
    }

    private static Book existing(long id) {
        Book book = Book.findById(id);
        if (book == null) {
            throw new NotFoundException();
        }
        return book;
    }
}
