package io.hearth.runtime.stream;

/**
 * Counters of one camera's feed since its upstream was first opened: frames from the camera, frames
 * handed to viewers, frames skipped for slow viewers, frames dropped because their camera id was
 * not the feed's or the viewer's (a security event), upstream connections made.
 */
public record FeedStats(
    int viewers,
    long framesIn,
    long framesDelivered,
    long framesSkipped,
    long misroutedFrames,
    long connects) {}
