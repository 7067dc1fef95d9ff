package org.agora.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only endpoints (src/test, so never shipped) that fail the way a bug would, to see the 500 answers a reader
 * and an API client get.
 */
@Path("/")
public class FailingResource {

    @GET
    @Path("test-only/failure")
    public String page() {
        throw new IllegalStateException("simulated bug for ErrorPagesTest");
    }

    @GET
    @Path("api/test-only/failure")
    public String api() {
        throw new IllegalStateException("simulated bug for ErrorPagesTest");
    }

    /** PostgreSQL refusing a new connection (SQLSTATE 53300) as it does when every connection slot is taken. */
    @GET
    @Path("api/test-only/too-many-connections")
    public String tooManyConnections() {
        throw new IllegalStateException("wrapped as a library would", new java.sql.SQLException("FATAL: sorry, too many clients already", "53300"));
    }
}
