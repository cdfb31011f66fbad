package org.clusterio.subsystem;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.clusterio.api.ServingPolicy;

/** The validators of the storage filter's attributes; every rejection names the attribute and the value. */
final class StorageFilterAttributeValidators {

    private StorageFilterAttributeValidators() {
    }

    /** A MIME type such as {@code image/png}, or a top-level type such as {@code video/*}. */
    static final class InlineTypeValidator extends AttributeValidators.StringValidator {

        @Override
        String problemWith(String type) {
            return ServingPolicy.problemWithInlineType(type);
        }
    }

    /** A Content-Security-Policy header value such as {@code sandbox}, or the empty text for none. */
    static final class ContentSecurityPolicyValidator extends AttributeValidators.StringValidator {

        @Override
        String problemWith(String policy) {
            String problem = ServingPolicy.problemWithContentSecurityPolicy(policy);
            return problem == null ? null : problem + " (or the empty text for no Content-Security-Policy header)";
        }
    }

    /** A Java regular expression. */
    static final class RegularExpressionValidator extends AttributeValidators.StringValidator {

        @Override
        String problemWith(String expression) {
            try {
                Pattern.compile(expression);
                return null;
            } catch (PatternSyntaxException e) {
                return "it is not a regular expression: " + e.getDescription();
            }
        }
    }
}
