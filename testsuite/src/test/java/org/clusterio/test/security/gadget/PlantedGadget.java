package org.clusterio.test.security.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * Stands for a gadget of a library in WEB-INF/lib: its readObject records in a system property that it ran, which is
 * what the first step of a gadget chain would do with less harmless code.
 */
public final class PlantedGadget implements Serializable {

    public static final String RAN = "cluster-io.it.gadget.ran";

    private static final long serialVersionUID = 1L;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        System.setProperty(RAN, "yes");
    }
}
