package org.clusterio.cache;

import java.io.ObjectInputFilter;
import java.util.List;

import org.clusterio.logging.ClusterIOLogger;

/**
 * Which classes an application value read from a persistence cache may be made of. Values are planted by whoever can
 * write the cache: every deployment that uses it and every node of the cluster. Reading one with a plain
 * {@code ObjectInputStream} would run the {@code readObject} of any class the reader's class loader can see, the
 * libraries in {@code WEB-INF/lib} included, which is where gadget chains live. A value is therefore read through a
 * {@link ValueClassFilter}, which decides on each class before anything of it runs. Allowed are:
 * <ol>
 * <li>what the operator's patterns ({@code allowed-classes} of the persistence cache, in the syntax of
 * {@link ObjectInputFilter.Config#createFilter}) allow; what they refuse ({@code !pattern}) is refused whatever
 * follows, and their limits ({@code maxdepth=} and the like) can only lower the built-in ones;</li>
 * <li>the type the caller asked for, and every class of the same code source: the archive or directory the type was
 * loaded from, which for a type of the application is {@code WEB-INF/classes} (or the application's own jar), never
 * the other jars of {@code WEB-INF/lib}: a library is trusted only when the caller asks for one of its types, or a
 * pattern names it. Neither the whole deployment class loader (it sees the libraries) nor the requested type's
 * package (anyone can declare classes in any package) would draw that line;</li>
 * <li>the JDK's value types: strings, boxed primitives, {@code BigInteger}/{@code BigDecimal}, {@code java.time},
 * {@code Date}, {@code UUID}, {@code Locale}, {@code URI}, and the usual collections and maps (including the
 * immutable and unmodifiable ones), plus primitives and arrays of anything allowed ({@code Object[]} and
 * {@code Map.Entry[]} included, which the collections check their tables against: neither is serialisable itself, so
 * no instance of it is ever read).</li>
 * </ol>
 * Proxy classes are never allowed. Everything else is refused, and so is a value beyond the limits: a nesting
 * {@link #MAX_DEPTH} deep, {@link #MAX_REFERENCES} objects, {@link #MAX_VALUE_BYTES} bytes, or an array of more than
 * {@link #MAX_ARRAY_ELEMENTS_PER_BYTE} elements per byte of the value, which a stream of a few bytes would otherwise
 * make the reader allocate (no genuine value comes close: an element takes at least a byte of the stream, and the
 * table a {@code HashMap} sizes from its entries at most eight slots per entry).
 *
 * <p>Immutable and thread-safe.</p>
 */
public final class AllowedValueClasses {

    /** Nesting of objects within objects; default serialisation recurses, so this also bounds the reader's stack. */
    public static final long MAX_DEPTH = 100;

    /** Objects, classes and strings in one value. */
    public static final long MAX_REFERENCES = 1_000_000;

    /** Array elements per byte of the value, at most. */
    public static final long MAX_ARRAY_ELEMENTS_PER_BYTE = 16;

    /** The serialised size of one value; the cache is replicated to every node, so large values cost everywhere. */
    public static final int MAX_VALUE_BYTES = 64 * 1024 * 1024;

    /** The built-in allow-list of JDK value types, in the JDK's pattern syntax. */
    static final String JDK_VALUE_TYPES = String.join(";",
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Enum",
            "java.math.BigInteger", "java.math.BigDecimal", "java.time.*", "java.util.Date", "java.util.UUID", "java.util.Locale",
            "java.net.URI", "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.Arrays$ArrayList", "java.util.CollSer", "java.util.ImmutableCollections$*", "java.util.Collections$Unmodifiable*",
            "java.util.Collections$Empty*", "java.util.Collections$Singleton*", "java.util.AbstractMap$SimpleEntry",
            "java.util.AbstractMap$SimpleImmutableEntry", "java.util.Map$Entry");

    /** Package roots of the JDK (and of its internal implementation): no wildcard in them. */
    private static final List<String> JDK_NAMESPACES = List.of("java", "javax", "jdk", "sun", "com.sun");

    private static final ObjectInputFilter JDK_VALUES = ObjectInputFilter.Config.createFilter(JDK_VALUE_TYPES);

    /** The JDK default only: no operator patterns. */
    public static final AllowedValueClasses DEFAULT = new AllowedValueClasses(List.of());

    private final List<String> patterns;
    private final ObjectInputFilter configured;

    private AllowedValueClasses(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.configured = patterns.isEmpty() ? null : ObjectInputFilter.Config.createFilter(String.join(";", patterns));
    }

    /**
     * @param patterns the operator's patterns, one each (see {@link #problemWith})
     * @throws IllegalArgumentException naming the first pattern that is not valid, and why
     */
    public static AllowedValueClasses of(List<String> patterns) {
        for (String pattern : patterns) {
            String problem = problemWith(pattern);
            if (problem != null) {
                throw ClusterIOLogger.CACHE_LOGGER.notAllowedClassesPattern(pattern, problem);
            }
        }
        return patterns.isEmpty() ? DEFAULT : new AllowedValueClasses(patterns);
    }

    /**
     * One pattern of the JDK's syntax ({@code com.example.Type}, {@code com.example.*}, {@code com.example.**},
     * {@code com.example.Prefix*}, {@code module/pattern}, a leading {@code !} to refuse, or a limit such as
     * {@code maxdepth=20}).
     *
     * @return what is wrong with it, or null when it is valid
     */
    public static String problemWith(String pattern) {
        if (pattern.isBlank() || !pattern.strip().equals(pattern)) {
            return "it must not be empty or begin or end with spaces";
        }
        if (pattern.indexOf(';') >= 0) {
            return "give each pattern as an element of its own, without ';'";
        }
        String classPart = pattern.substring(pattern.indexOf('/') + 1);
        int star = classPart.indexOf('*');
        if (pattern.indexOf('=') < 0 && star >= 0 && !classPart.substring(star).matches("\\*\\*?")) {
            return "a '*' may only end it (com.example.*, com.example.**, com.example.Prefix*)";
        }
        if (!pattern.startsWith("!") && pattern.indexOf('=') < 0 && star >= 0) {
            String problem = problemWithWildcard(classPart.substring(0, star));
            if (problem != null) {
                return problem;
            }
        }
        try {
            ObjectInputFilter.Config.createFilter(pattern);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * A wildcard allows whatever any library declares in the packages it covers, gadget chains included: it must name
     * at least two package segments of its own ({@code com.example.*}, not {@code com.*} or {@code o*}), and none in
     * the JDK's namespaces, whose value types are allowed already and whose other classes are named one by one.
     *
     * @param beforeStar the pattern up to its {@code *}: {@code com.example.} or {@code com.example.Prefix}
     */
    private static String problemWithWildcard(String beforeStar) {
        String packagePart = beforeStar.lastIndexOf('.') < 0 ? "" : beforeStar.substring(0, beforeStar.lastIndexOf('.'));
        if (packagePart.split("\\.", -1).length < 2 || packagePart.startsWith(".")) {
            return "a wildcard must name at least two package segments (com.example.*, com.example.**), or it allows the"
                    + " classes of every library, gadget chains included; name the packages of the cached classes";
        }
        for (String jdk : JDK_NAMESPACES) {
            if ((packagePart + ".").startsWith(jdk + ".")) {
                return "a wildcard in the JDK's " + jdk + " namespace allows JDK classes that are gadgets; the JDK's value"
                        + " types are allowed already, name any other JDK class on its own (java.util.BitSet)";
            }
        }
        return null;
    }

    /** @return a filter for reading one value of {@code payloadLength} bytes as the requested type; one per read */
    ValueClassFilter forReading(Class<?> requested, long payloadLength) {
        return new ValueClassFilter(configured, JDK_VALUES, requested, payloadLength);
    }

    public List<String> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "JDK value types and the requested type's code source" : String.join(" ", patterns);
    }
}
