package org.clusterio.subsystem;

import java.util.regex.Pattern;

import org.clusterio.cache.AllowedValueClasses;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/** Validators shared by the resources' attributes; every rejection names the attribute and the value. */
final class AttributeValidators {

    private AttributeValidators() {
    }

    /**
     * Checks a string attribute's value (expressions are checked once resolved); subclasses say what is wrong with a
     * value, or null when nothing is.
     */
    abstract static class StringValidator extends ModelTypeValidator {

        StringValidator() {
            super(ModelType.STRING, false, true);
        }

        @Override
        public final void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
            super.validateParameter(parameterName, value);
            if (value.isDefined() && value.getType() != ModelType.EXPRESSION) {
                String problem = problemWith(value.asString());
                if (problem != null) {
                    throw ClusterIOLogger.ROOT_LOGGER.invalidAttributeValue(value.asString(), parameterName, problem);
                }
            }
        }

        abstract String problemWith(String value);
    }

    /**
     * A relative path of plain segments, such as {@code var/site} (one trailing slash allowed): no leading slash, no
     * backslash, no empty, {@code .} or {@code ..} segment. Such a path never leads out of the directory it is resolved
     * against.
     */
    static class RelativePathValidator extends StringValidator {

        @Override
        String problemWith(String path) {
            return problemWithPath(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }

        static String problemWithPath(String path) {
            if (path.isEmpty()) {
                return "it must not be empty";
            }
            if (path.startsWith("/")) {
                return "it must be a relative path";
            }
            if (path.indexOf('\\') >= 0) {
                return "it must use '/' as separator";
            }
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    return "it must not contain empty, '.' or '..' segments";
                }
            }
            return null;
        }
    }

    /** A relative path whose only placeholders are {@code $var_dir$} and {@code $storage_dir$}. */
    static final class PathTemplateValidator extends RelativePathValidator {

        @Override
        String problemWith(String template) {
            String problem = super.problemWith(template);
            if (problem == null && withoutPlaceholders(template).indexOf('$') >= 0) {
                problem = "the only placeholders are " + SiteLayout.VAR_DIR_PLACEHOLDER + " and " + SiteLayout.STORAGE_DIR_PLACEHOLDER;
            }
            return problem;
        }
    }

    /** An octal permission such as {@code 0644}. */
    static final class OctalPermissionsValidator extends StringValidator {

        @Override
        String problemWith(String value) {
            return PosixPermissions.OCTAL.matcher(value).matches() ? null
                    : "it must be an octal permission such as 0644 (three octal digits, optionally after a 0)";
        }
    }

    /**
     * A url-prefix: an absolute URL such as {@code https://static.example.com/images} (used as is), or a relative path
     * such as {@code $var_dir$/$storage_dir$} whose only placeholders are {@code $var_dir$} and {@code $storage_dir$}.
     */
    static final class UrlPrefixValidator extends StringValidator {

        private static final Pattern ABSOLUTE = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:)?//[^/\\s]+(/\\S*)?$");

        @Override
        String problemWith(String prefix) {
            if (ABSOLUTE.matcher(prefix).matches()) {
                return null;
            }
            String relative = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
            String problem = relative.isEmpty() ? null : RelativePathValidator.problemWithPath(relative);
            if (problem == null && withoutPlaceholders(relative).matches(".*[$\\s?#:].*")) {
                problem = "the only placeholders are " + SiteLayout.VAR_DIR_PLACEHOLDER + " and " + SiteLayout.STORAGE_DIR_PLACEHOLDER
                        + ", and it must not contain spaces, ':', '?' or '#'";
            }
            return problem == null ? null : problem + " (or give an absolute URL such as https://static.example.com/)";
        }
    }

    /** A host name such as {@code www.example.com}, without port. */
    static final class HostNameValidator extends StringValidator {

        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

        @Override
        String problemWith(String host) {
            return HOST.matcher(host).matches() ? null : "it must be a host name such as www.example.com, without port";
        }
    }

    /** One pattern of a persistence cache's allowed-classes, in the JDK's ObjectInputFilter syntax. */
    static final class AllowedClassPatternValidator extends StringValidator {

        @Override
        String problemWith(String pattern) {
            return AllowedValueClasses.problemWith(pattern);
        }
    }

    /** A path prefix inside the application such as {@code /admin}: absolute, plain segments. */
    static final class UriPrefixValidator extends StringValidator {

        @Override
        String problemWith(String prefix) {
            if (!prefix.startsWith("/")) {
                return "it must start with '/'";
            }
            if (prefix.matches(".*[\\s?#%].*")) {
                return "it must not contain spaces, '?', '#' or '%'";
            }
            return prefix.equals("/") ? null : RelativePathValidator.problemWithPath(prefix.substring(1).replaceAll("/$", ""));
        }
    }

    /** A plain SQL table name, since it is put into statements. */
    static final class TableNameValidator extends StringValidator {

        @Override
        String problemWith(String table) {
            return org.clusterio.io.dfs.DfsMetadataStore.TABLE_NAME.matcher(table).matches() ? null
                    : "it must be a plain table name: a letter or '_', then letters, digits or '_', at most 63 characters";
        }
    }

    /** Any text but the empty one. */
    static final class NonEmptyValidator extends StringValidator {

        @Override
        String problemWith(String value) {
            return value.isBlank() ? "it must not be empty" : null;
        }
    }

    /** An http or https URL, such as an S3-compatible store's endpoint. */
    static final class UrlValidator extends StringValidator {

        @Override
        String problemWith(String value) {
            try {
                java.net.URI uri = new java.net.URI(value);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null ? null
                        : "it must be an http or https URL such as https://s3.example.com";
            } catch (java.net.URISyntaxException e) {
                return "it is not a URL: " + e.getReason();
            }
        }
    }

    /** The http or https URL of a Varnish server that purges are sent to. */
    static final class PurgeTargetValidator extends StringValidator {

        @Override
        String problemWith(String url) {
            return org.clusterio.httpcache.HttpCacheSettings.problemWithTarget(url);
        }
    }

    private static String withoutPlaceholders(String template) {
        return template.replace(SiteLayout.VAR_DIR_PLACEHOLDER, "").replace(SiteLayout.STORAGE_DIR_PLACEHOLDER, "");
    }

    /** A positive number, or -1 for no limit (zero would make a cache that keeps nothing). */
    static final class PositiveOrUnlimitedValidator extends ModelTypeValidator {

        private final String unlimitedMeans;

        PositiveOrUnlimitedValidator(String unlimitedMeans) {
            super(ModelType.LONG, false, true);
            this.unlimitedMeans = unlimitedMeans;
        }

        @Override
        public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
            super.validateParameter(parameterName, value);
            if (value.isDefined() && value.getType() != ModelType.EXPRESSION && value.asLong() < 1 && value.asLong() != -1) {
                throw ClusterIOLogger.ROOT_LOGGER.notPositiveOrUnlimited(value.asString(), parameterName, unlimitedMeans);
            }
        }
    }
}
