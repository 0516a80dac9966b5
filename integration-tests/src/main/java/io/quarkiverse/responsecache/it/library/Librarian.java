package io.quarkiverse.responsecache.it.library;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes from a bean rather than a resource: tracking does not care where the transaction is. */
@ApplicationScoped
public class Librarian {

    @Transactional
    public void retitle(long id, String title) {
        Book book = Book.findById(id);
        book.title = title;
    }
}
