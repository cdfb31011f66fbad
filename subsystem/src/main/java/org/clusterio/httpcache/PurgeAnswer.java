package org.clusterio.httpcache;

/**
 * What a target answered to a PURGE: its status, and how many objects it purged ({@code X-Purged}, -1 without).
 */
record PurgeAnswer(int status, String reason, long purged) {

    boolean taken() {
        return status == 200;
    }

    /** @return why the purge did not take, for the log */
    String problem() {
        String answer = "answered " + status + " " + reason;
        return status == 403 ? answer + " (this node is not in the VCL's purgers ACL, or the purge-secret differs from the VCL's)" : answer;
    }
}
