package io.hearth.api.bench;

/**
 * What one streaming configuration measured.
 *
 * @param label the configuration, for example "4 cameras x 8 viewers"
 * @param cameras streams from cameras into the hub
 * @param sessions viewer sessions (WebSockets) out of the hub
 * @param latency hub-added latency: last RTP packet of a frame in, its MEDIA chunk out
 * @param delivered share of the frames sent in the window that reached each viewer
 * @param cpuPerStream hub process CPU-seconds per second, per camera stream
 * @param rejected chunks that failed the viewer's verification (must be 0)
 */
record StreamFigures(
    String label,
    int cameras,
    int sessions,
    Percentiles latency,
    double delivered,
    double cpuPerStream,
    long rejected) {}
