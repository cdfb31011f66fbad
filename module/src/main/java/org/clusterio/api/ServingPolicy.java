package org.clusterio.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How stored files are sent to browsers so that an upload is never active content on the application's origin
 * (stored cross-site scripting). Every response about a stored file, whatever its status, carries
 * {@code X-Content-Type-Options: nosniff} (the browser keeps the type it is given) and, unless switched off, a
 * {@code Content-Security-Policy} ({@code sandbox} by default: a document opened from the storage runs no script, has
 * no access to the origin's cookies or storage and cannot submit forms). A response that carries content whose type is
 * not on the inline list is also an {@code attachment}: the browser downloads it instead of rendering it.
 *
 * <p>The storage filter applies the policy of its configuration; an application that streams stored files itself
 * applies {@link #DEFAULT} (or its own) through {@link #headers()} and {@link #contentHeaders(String)}. Instances are
 * immutable.</p>
 */
public final class ServingPolicy {

    public static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    public static final String CONTENT_DISPOSITION = "Content-Disposition";

    /**
     * Types a browser shows as passive content: raster images, audio, video and plain text. SVG is not among them
     * (it is a document that runs scripts), nor is PDF (its viewers run scripts) nor any HTML or XML type.
     */
    public static final List<String> DEFAULT_INLINE_TYPES = List.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif",
            "image/bmp", "image/vnd.microsoft.icon", "image/x-icon", "video/*", "audio/*", "text/plain");

    /** Scripts, plugins, forms, popups and the origin's cookies and storage are all off for a stored document. */
    public static final String DEFAULT_CONTENT_SECURITY_POLICY = "sandbox";

    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml", "image/svg+xml",
            "text/xsl", "text/javascript", "application/javascript", "application/x-javascript", "text/x-javascript",
            "application/ecmascript", "text/ecmascript", "application/pdf", "application/x-shockwave-flash", "multipart/x-mixed-replace");

    private static final String TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
    private static final Pattern INLINE_TYPE = Pattern.compile(TOKEN + "/(" + TOKEN + "|\\*)");
    /*
     * A whole media type: type "/" subtype, then parameters of plain tokens (RFC 9110 section 8.3.1, spaces as the only
     * whitespace, no quoted strings). Anything else (a comma, a quote, CR, LF, other controls) could make a browser read
     * another type than the one that was checked: it splits Content-Type on commas and takes the last valid type.
     */
    private static final Pattern MEDIA_TYPE = Pattern.compile(" *(" + TOKEN + "/" + TOKEN + ")((?: *;(?: *" + TOKEN + "=" + TOKEN + ")?)*) *");
    private static final Pattern PARAMETER = Pattern.compile(";(?: *(" + TOKEN + ")=(" + TOKEN + "))?");
    private static final String TEXT_PLAIN = "text/plain";
    private static final Pattern DIRECTIVE = Pattern.compile("[A-Za-z0-9-]+( [\\x21-\\x2B\\x2D-\\x3A\\x3C-\\x7E]+)*");

    /** The default inline types and Content-Security-Policy: what an application that serves stored files itself applies. */
    public static final ServingPolicy DEFAULT = new ServingPolicy(DEFAULT_INLINE_TYPES, DEFAULT_CONTENT_SECURITY_POLICY);

    private final List<String> inlineTypes;
    private final String contentSecurityPolicy;

    /**
     * @param inlineTypes MIME types ({@code image/png}) or whole top-level types ({@code video/*}) a browser may render; a
     *        top-level type covers its passive types only (see {@link #inline})
     * @param contentSecurityPolicy the {@code Content-Security-Policy} of every response; empty or null for none
     * @throws IllegalArgumentException naming a value that {@link #problemWithInlineType} or
     *         {@link #problemWithContentSecurityPolicy} refuses
     */
    public ServingPolicy(Collection<String> inlineTypes, String contentSecurityPolicy) {
        for (String type : inlineTypes) {
            String problem = problemWithInlineType(type);
            if (problem != null) {
                throw new IllegalArgumentException("'" + type + "' is not an inline type: " + problem);
            }
        }
        String policy = contentSecurityPolicy == null ? "" : contentSecurityPolicy.strip();
        String problem = problemWithContentSecurityPolicy(policy);
        if (problem != null) {
            throw new IllegalArgumentException("'" + policy + "' is not a content security policy: " + problem);
        }
        this.inlineTypes = inlineTypes.stream().map(type -> type.toLowerCase(Locale.ROOT)).toList();
        this.contentSecurityPolicy = policy;
    }

    /** @return null when the type is a valid inline-list entry, else what is wrong with it */
    public static String problemWithInlineType(String type) {
        return INLINE_TYPE.matcher(type).matches() ? null : "it must be a MIME type such as image/png, or a top-level type such as video/*";
    }

    /** @return null when the policy is empty or a valid policy header value, else what is wrong with it */
    public static String problemWithContentSecurityPolicy(String policy) {
        for (String directive : policy.split(";", -1)) {
            String trimmed = directive.strip().replaceAll(" +", " ");
            if (!trimmed.isEmpty() && !DIRECTIVE.matcher(trimmed).matches()) {
                return "each ';'-separated directive must be a name such as sandbox, then values of visible ASCII characters other than ',' and ';'";
            }
        }
        return null;
    }

    /**
     * @return whether a browser may run scripts or plugins in content of this type when it renders it: HTML, XHTML,
     *         any XML (SVG, XSLT and other {@code +xml} types), JavaScript, PDF, Flash; and anything that is not a
     *         well-formed type (see {@link #normalised}), null included, since a browser may read an active type in it
     */
    public static boolean isActive(String mimeType) {
        String normal = normalised(mimeType);
        if (normal == null) {
            return true;
        }
        String essence = essence(normal);
        return ACTIVE.contains(essence) || essence.endsWith("+xml");
    }

    /**
     * The only form in which a type from elsewhere (a caller's claim, a metadata row written by others) is stored and sent.
     *
     * @return for a well-formed type ({@code type/subtype} of tokens, optionally with {@code ;name=value} parameters of
     *         tokens): the lower-case essence, and for {@code text/plain} its charset ({@code text/plain; charset=utf-8});
     *         other parameters are dropped. Null for anything else, null and blank included: a comma, a quote, a
     *         space inside, CR, LF or any other control character.
     */
    public static String normalised(String mimeType) {
        Matcher whole = mimeType == null ? null : MEDIA_TYPE.matcher(mimeType);
        if (whole == null || !whole.matches()) {
            return null;
        }
        String essence = whole.group(1).toLowerCase(Locale.ROOT);
        if (essence.equals(TEXT_PLAIN)) {
            Matcher parameter = PARAMETER.matcher(whole.group(2).replace(" ", ""));
            while (parameter.find()) {
                if ("charset".equalsIgnoreCase(parameter.group(1))) {
                    return TEXT_PLAIN + "; charset=" + parameter.group(2).toLowerCase(Locale.ROOT);
                }
            }
        }
        return essence;
    }

    /** @return the type without parameters, lower case: {@code text/html} for {@code Text/HTML; charset=UTF-8} */
    public static String essence(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @return whether a browser may render content of this type in place instead of downloading it: the type is
     *         well-formed and listed, or passive and in a listed top-level type; an active type only when it is listed
     *         itself ({@code image/*} shows raster images, but SVG only with {@code image/svg+xml} listed)
     */
    public boolean inline(String mimeType) {
        String normal = normalised(mimeType);
        if (normal == null) {
            return false;
        }
        String essence = essence(normal);
        boolean active = isActive(essence);
        for (String type : inlineTypes) {
            if (type.endsWith("/*") ? !active && essence.startsWith(type.substring(0, type.length() - 1)) : essence.equals(type)) {
                return true;
            }
        }
        return false;
    }

    public List<String> inlineTypes() {
        return inlineTypes;
    }

    /** @return the Content-Security-Policy of every response, empty when there is none */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** @return the headers of every response about a stored file, whatever its status */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
        if (!contentSecurityPolicy.isEmpty()) {
            headers.put(CONTENT_SECURITY_POLICY, contentSecurityPolicy);
        }
        return headers;
    }

    /** @return the headers of a response that carries content of this type: {@link #headers()}, and attachment if not inline */
    public Map<String, String> contentHeaders(String mimeType) {
        Map<String, String> headers = headers();
        if (!inline(mimeType)) {
            headers.put(CONTENT_DISPOSITION, "attachment");
        }
        return headers;
    }

    @Override
    public String toString() {
        return "inline-types " + inlineTypes + ", content-security-policy '" + contentSecurityPolicy + "'";
    }
}
