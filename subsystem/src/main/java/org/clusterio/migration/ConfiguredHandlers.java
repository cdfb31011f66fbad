package org.clusterio.migration;

import java.util.List;

import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.OperationFailedException;

/** The handlers the subsystem's model configures, by name: what a migration may copy from or to. */
public record ConfiguredHandlers(List<String> metadata, List<String> binarydata) {

    public ConfiguredHandlers {
        metadata = List.copyOf(metadata);
        binarydata = List.copyOf(binarydata);
    }

    /**
     * @param parameter the operation's parameter that gave the value, named in a refusal
     * @param value {@code <metadata handler>,<binarydata handler>}, such as {@code dfs,nfs}
     * @return the pair, each name configured
     */
    public HandlerPair parse(String parameter, String value) throws OperationFailedException {
        String[] names = value.split(",", -1);
        if (names.length != 2 || names[0].isBlank() || names[1].isBlank()) {
            throw ClusterIOLogger.ROOT_LOGGER.invalidHandlerPair(value, parameter);
        }
        HandlerPair pair = new HandlerPair(names[0].strip(), names[1].strip());
        if (!metadata.contains(pair.metadata())) {
            throw ClusterIOLogger.ROOT_LOGGER.metadataHandlerNotConfigured(parameter, pair.metadata(), metadata);
        }
        if (!binarydata.contains(pair.binarydata())) {
            throw ClusterIOLogger.ROOT_LOGGER.binarydataHandlerNotConfigured(parameter, pair.binarydata(), binarydata);
        }
        return pair;
    }

    /** @return for each kind, the first configured handler that is not the given one (Ibexa DXP's default destination) */
    HandlerPair otherThan(HandlerPair pair) {
        return new HandlerPair(firstOther(metadata, pair.metadata()), firstOther(binarydata, pair.binarydata()));
    }

    private static String firstOther(List<String> names, String other) {
        return names.stream().filter(name -> !name.equals(other)).findFirst().orElse(other);
    }
}
