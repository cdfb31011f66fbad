package org.clusterio.migration;

/**
 * What one {@code :migrate-files} call asks for, as given: the site, and {@code from} and {@code to} as
 * {@code <metadata>,<binarydata>} or null for Ibexa DXP's defaults.
 */
public record MigrationRequest(String site, String from, String to, FileMigration.Options options) {
}
