package org.clusterio.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the shared cache keeps under an entry key, as one string (strings marshal with any Infinispan marshaller and
 * compare by value, which conditional writes need): either a value with the versions of its tags when it was loaded,
 * or a tombstone left by an invalidation, whose random nonce makes every invalidation a new value.
 *
 * <p>Format: {@code V<tag count>;(<tag length>:<tag><version>)*<payload>} or {@code T<nonce>}; versions and nonces are
 * {@value TagVersions#VERSION_LENGTH} hex digits.</p>
 */
record CachedEntry(Map<String, String> tagVersions, String payload) {

    private static final char VALUE = 'V';
    private static final char TOMBSTONE = 'T';

    static String tombstone() {
        return TOMBSTONE + TagVersions.newVersion();
    }

    static String encode(Map<String, String> tagVersions, String payload) {
        StringBuilder text = new StringBuilder(payload.length() + 32 * tagVersions.size() + 8).append(VALUE).append(tagVersions.size()).append(';');
        tagVersions.forEach((tag, version) -> text.append(tag.length()).append(':').append(tag).append(version));
        return text.append(payload).toString();
    }

    /** @return the value held in the text, or null for no text, a tombstone or text this class did not write */
    static CachedEntry decode(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != VALUE) {
            return null;
        }
        try {
            int position = text.indexOf(';');
            int count = Integer.parseInt(text, 1, position, 10);
            position++;
            Map<String, String> tags = new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                int colon = text.indexOf(':', position);
                int length = Integer.parseInt(text, position, colon, 10);
                int tagEnd = colon + 1 + length;
                tags.put(text.substring(colon + 1, tagEnd), text.substring(tagEnd, tagEnd + TagVersions.VERSION_LENGTH));
                position = tagEnd + TagVersions.VERSION_LENGTH;
            }
            return new CachedEntry(tags, text.substring(position));
        } catch (RuntimeException e) {
            return null; // not ours: treated as a miss, and overwritten by the next load
        }
    }
}
