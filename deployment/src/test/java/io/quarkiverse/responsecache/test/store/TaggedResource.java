package io.quarkiverse.responsecache.test.store;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;

/** An endpoint with 32 tags (the default limit), one with 3 s entries, and an untagged one. */
@Path("/tagged")
public class TaggedResource {

    @GET
    @Path("/many/{id}")
    @ResponseCache(expire = 60, namespace = "many", tags = { "t00:{id}", "t01:{id}", "t02:{id}", "t03:{id}",
            "t04:{id}", "t05:{id}", "t06:{id}", "t07:{id}", "t08:{id}", "t09:{id}", "t10:{id}", "t11:{id}",
            "t12:{id}", "t13:{id}", "t14:{id}", "t15:{id}", "t16:{id}", "t17:{id}", "t18:{id}", "t19:{id}",
            "t20:{id}", "t21:{id}", "t22:{id}", "t23:{id}", "t24:{id}", "t25:{id}", "t26:{id}", "t27:{id}",
            "t28:{id}", "t29:{id}", "t30:{id}", "t31:{id}" })
    public String many(@PathParam("id") String id) {
        return "many-" + id;
    }

    @GET
    @Path("/short/{id}")
    @ResponseCache(expire = 3, namespace = "short", tags = "short:{id}")
    public String shortLived(@PathParam("id") String id) {
        return "short-" + id;
    }

    @GET
    @Path("/plain/{id}")
    @ResponseCache(expire = 60, namespace = "plain")
    public String plain(@PathParam("id") String id) {
        return "plain-" + id;
    }
}
