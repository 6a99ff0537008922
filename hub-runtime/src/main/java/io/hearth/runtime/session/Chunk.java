package io.hearth.runtime.session;

import io.hearth.runtime.security.Sealer;

/**
 * One piece of a stream session as its transport sends it: sealed with the session key (the
 * WebSocket, the relay), or plain for clients that cannot verify (the MJPEG endpoint, over TLS).
 */
// The array is handed from the encoder to one transport and not kept by either.
@SuppressWarnings("ArrayRecordComponent")
public record Chunk(Sealer.Kind kind, byte[] bytes, boolean sealed) {}
