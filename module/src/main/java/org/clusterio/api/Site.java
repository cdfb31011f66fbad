package org.clusterio.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Selects the IO service of one named site: {@code @Inject @Site("admin") IOService admin;}. Without it,
 * {@code @Inject IOService} gives the site that matches the current request, or the deployment's default site.
 * Naming a site that the subsystem does not configure fails the deployment.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE })
public @interface Site {

    /** The site's name, as in {@code /subsystem=cluster-io/site=<name>}. */
    String value();

    /** An instance of the qualifier, for programmatic lookup. */
    final class Literal extends AnnotationLiteral<Site> implements Site {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String site) {
            return new Literal(Objects.requireNonNull(site, "site"));
        }

        @Override
        public String value() {
            return value;
        }
    }
}
