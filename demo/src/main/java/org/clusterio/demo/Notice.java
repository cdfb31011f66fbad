package org.clusterio.demo;

/** A line at the top of the gallery saying what the last action did, or why it was refused. */
record Notice(boolean problem, String text) {

    static Notice done(String text) {
        return new Notice(false, text);
    }

    static Notice refused(String text) {
        return new Notice(true, text);
    }
}
