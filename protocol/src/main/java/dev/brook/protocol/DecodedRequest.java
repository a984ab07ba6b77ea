package dev.brook.protocol;

/**
 * A request frame split into its header and its body.
 *
 * @param header the request header
 * @param body   the body, an instance of the {@code XxxRequest} record for {@code header.api()}
 */
public record DecodedRequest(RequestHeader header, Object body) {
}
