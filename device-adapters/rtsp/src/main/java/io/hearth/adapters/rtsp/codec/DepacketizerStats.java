package io.hearth.adapters.rtsp.codec;

/**
 * What a depacketizer lost or threw away, for the camera's health report.
 *
 * @param lostPackets RTP packets missing from the sequence number series
 * @param droppedFragments fragments discarded because their NAL unit could not be completed
 * @param droppedAccessUnits access units discarded for exceeding the size limit
 * @param staleOrDuplicatePackets packets older than one already seen, ignored
 */
public record DepacketizerStats(
    long lostPackets,
    long droppedFragments,
    long droppedAccessUnits,
    long staleOrDuplicatePackets) {}
