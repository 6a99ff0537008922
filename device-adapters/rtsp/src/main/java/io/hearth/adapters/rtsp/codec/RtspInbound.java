package io.hearth.adapters.rtsp.codec;

/**
 * One unit read from an RTSP control connection: a response, or an interleaved binary frame
 * (RTP/RTCP over the same TCP connection, RFC 2326 §10.12).
 */
public sealed interface RtspInbound permits RtspResponse, InterleavedFrame {}
