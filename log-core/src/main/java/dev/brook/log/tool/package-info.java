/**
 * Small command-line programs over log-core (the {@code bin/brook} demo). They use only the public API of
 * {@link dev.brook.log}; nothing in log-core depends on them.
 */
package dev.brook.log.tool;
