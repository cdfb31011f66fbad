package org.clusterio.web;

/** Whether this server takes requests now: what a load balancer's health probe asks the readiness endpoint. */
@FunctionalInterface
public interface ServerReadiness {

    /** @return null while the server takes requests; otherwise why it does not, such as {@code suspended} */
    String notReadyBecause();
}
