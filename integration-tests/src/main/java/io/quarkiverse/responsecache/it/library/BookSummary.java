package io.quarkiverse.responsecache.it.library;

/** A view built from a book, as applications return DTOs rather than entities. */
public record BookSummary(String title, String author, int price) {

    static BookSummary of(Book book) {
        return new BookSummary(book.title, book.author == null ? null : book.author.name, book.price);
    }
}
