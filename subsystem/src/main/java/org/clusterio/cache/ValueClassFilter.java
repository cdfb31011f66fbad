package org.clusterio.cache;

import java.io.ObjectInputFilter;
import java.lang.reflect.Proxy;
import java.security.CodeSource;

/**
 * The filter of one read of one cached value (see {@link AllowedValueClasses} for what it allows). The stream asks it
 * about every class before it creates an instance or runs any of the class's code, and about the value's size as it
 * grows; it remembers what it refused first, so that the refusal can name the class.
 *
 * <p>Not thread-safe: one per read.</p>
 */
final class ValueClassFilter implements ObjectInputFilter {

    private final ObjectInputFilter configured;
    private final ObjectInputFilter jdkValues;
    private final Class<?> requested;
    private final String requestedLocation;
    private final long payloadLength;
    private String refused;

    ValueClassFilter(ObjectInputFilter configured, ObjectInputFilter jdkValues, Class<?> requested, long payloadLength) {
        this.configured = configured;
        this.jdkValues = jdkValues;
        this.requested = requested;
        this.requestedLocation = location(requested);
        this.payloadLength = payloadLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > AllowedValueClasses.MAX_DEPTH) {
            return refuse("objects nested more than " + AllowedValueClasses.MAX_DEPTH + " deep");
        }
        if (info.references() > AllowedValueClasses.MAX_REFERENCES) {
            return refuse("more than " + AllowedValueClasses.MAX_REFERENCES + " objects");
        }
        if (info.arrayLength() > payloadLength * AllowedValueClasses.MAX_ARRAY_ELEMENTS_PER_BYTE) {
            return refuse("an array of " + info.arrayLength() + " elements in a value of " + payloadLength + " bytes");
        }
        Class<?> type = info.serialClass();
        if (configured != null) {
            if (configured.checkInput(new LimitsOnly(info)) == Status.REJECTED) {
                return refuse("more than a limit of allowed-classes allows (" + info.depth() + " deep, " + info.references() + " objects, "
                        + info.streamBytes() + " bytes, an array of " + info.arrayLength() + ")");
            }
            Status status = type == null ? Status.UNDECIDED : configured.checkInput(info);
            if (status == Status.REJECTED) {
                return refuse("class " + type.getName() + " (refused by a pattern of allowed-classes)");
            }
            if (status == Status.ALLOWED && !Proxy.isProxyClass(type)) {
                return Status.ALLOWED;
            }
        }
        if (type == null) {
            return Status.UNDECIDED; // a size check only: within the limits
        }
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive() || isBuiltIn(element, info)) {
            return Status.ALLOWED;
        }
        return refuse("class " + type.getName());
    }

    private boolean isBuiltIn(Class<?> type, FilterInfo info) {
        if (Proxy.isProxyClass(type)) {
            return false;
        }
        if (type == requested || (requestedLocation != null && requestedLocation.equals(location(type)))) {
            return true;
        }
        return type.getClassLoader() == null && jdkValues.checkInput(info) == Status.ALLOWED; // JDK classes only
    }

    /** @return where the class was loaded from (its archive or directory), or null for the JDK's own classes */
    private static String location(Class<?> type) {
        if (type.getClassLoader() == null) {
            return null;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().toExternalForm();
    }

    private Status refuse(String what) {
        if (refused == null) {
            refused = what;
        }
        return Status.REJECTED;
    }

    /** The same read, asked about its size only: tells a limit of the patterns from a class they refuse. */
    private record LimitsOnly(FilterInfo info) implements FilterInfo {

        @Override
        public Class<?> serialClass() {
            return null;
        }

        @Override
        public long arrayLength() {
            return info.arrayLength();
        }

        @Override
        public long depth() {
            return info.depth();
        }

        @Override
        public long references() {
            return info.references();
        }

        @Override
        public long streamBytes() {
            return info.streamBytes();
        }
    }

    /** @return what the filter refused first ("class com.example.Gadget", a limit), or null if nothing */
    String refused() {
        return refused;
    }
}
