/**
 * The wire conventions every server under test implements, so that a packnet server can be added later
 * and be measured by the same load generator.
 *
 * <h2>Framing</h2>
 * Every frame is {@code [length][payload]}: an unsigned payload length of 1, 2, 3, 4 or 8 bytes, big- or
 * little-endian, that does not count itself ({@link io.packnet.benchmarks.wire.LengthPrefix}). The
 * default is 4 bytes big-endian, the only format all servers (including Spring Integration's
 * {@code ByteArrayLengthHeaderSerializer}) share.
 *
 * <h2>Echo</h2>
 * The server returns every payload unchanged, on the same connection, in the order received. Payloads
 * the load generator sends are {@code [type field: 0, 1, 2 or 4 bytes][sequence: 8][sent nanos: 8][filler]}
 * ({@link io.packnet.benchmarks.wire.ProbePayload}); the server must not interpret them, except that a
 * server routing on a type field (packnet's {@code packnet.routing.type-field-size}) sees an unsigned
 * big-endian type equal to (connection index + 1), truncated to the field size, and must echo the
 * type field back as well.
 *
 * <h2>Broadcast</h2>
 * The first payload byte is an opcode ({@link io.packnet.benchmarks.wire.BroadcastWire}):
 * <ul>
 * <li>{@code 0x01 JOIN} (client to server, payload exactly {@code [0x01]}): the server adds the
 * connection to its single broadcast group, then replies on that connection with the frame
 * {@code [0x01]}. Every broadcast the server accepts after it sent that acknowledgement reaches the
 * connection.</li>
 * <li>{@code 0x02 BROADCAST} (client to server, payload {@code [0x02][sequence: 8][sent nanos: 8][filler]}):
 * the server delivers the whole frame, byte for byte (opcode included), to every joined member except
 * the connection that sent it, in the order it received broadcasts from that sender. The sender gets
 * no reply. The load generator's sender never joins, so "every member" is the same set.</li>
 * <li>Any other opcode is a protocol error; the server may close the connection.</li>
 * </ul>
 * A server should encode a broadcast frame once and share it between members (raw Netty:
 * {@code retainedDuplicate()} per member); packnet maps this onto
 * {@code BroadcastTemplate.broadcast(group, frame)}.
 */
@NullMarked
package io.packnet.benchmarks.wire;

import org.jspecify.annotations.NullMarked;
