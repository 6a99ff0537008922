package io.hearth.runtime.session;

/**
 * A recorded segment to play in a session: fragmented MP4 (its init segment, then fragments) as the
 * recorder stored it, its MIME type with codecs, picture size and how long it lasts.
 */
public record PlaybackSource(String mime, int width, int height, long durationMs, byte[] mp4) {}
