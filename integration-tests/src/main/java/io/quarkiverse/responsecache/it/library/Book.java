package io.quarkiverse.responsecache.it.library;

import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A book, a Panache active record. */
@Entity
public class Book extends PanacheEntity {

    public String title;
    public int price;
    @ManyToOne
    public Author author;
}
