package dev.orderservice.http;

import java.util.Map;

/** What must hold for the service to take traffic; each check named, for the readiness body. */
public interface Readiness {

    /** Check name to whether it holds now; the service is ready when all hold. */
    Map<String, Boolean> checks();

    /** Extra facts for the readiness body (warm-up progress and the like); not part of the verdict. */
    Map<String, Object> details();
}
