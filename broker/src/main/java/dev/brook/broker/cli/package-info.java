/**
 * The {@code bin/brook} command line: parses arguments and settings, starts the broker, and turns SIGTERM/SIGINT
 * into a clean shutdown. Holds no broker logic.
 */
package dev.brook.broker.cli;
