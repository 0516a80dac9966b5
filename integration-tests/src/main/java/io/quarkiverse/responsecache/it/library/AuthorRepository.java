package io.quarkiverse.responsecache.it.library;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class AuthorRepository implements PanacheRepository<Author> {
}
