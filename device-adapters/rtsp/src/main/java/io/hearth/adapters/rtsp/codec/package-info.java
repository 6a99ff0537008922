/**
 * RTSP camera protocol codec: RTSP responses and requests, interleaved frames, SDP, RTP/RTCP,
 * H.264/H.265 depacketising and HTTP-style authentication. Plain Java without Vert.x, so every
 * parser of camera bytes can be unit-tested and fuzzed alone. All parsers are synchronous, bounded
 * by the {@code MAX_*} constants of their class, and answer bad input with a {@link
 * io.hearth.adapters.rtsp.codec.CodecException}.
 */
package io.hearth.adapters.rtsp.codec;
