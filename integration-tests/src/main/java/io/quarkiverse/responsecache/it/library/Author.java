package io.quarkiverse.responsecache.it.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An author, kept through a Panache repository ({@link AuthorRepository}). */
@Entity
public class Author {

    @Id
    @GeneratedValue
    public Long id;

    public String name;
}
