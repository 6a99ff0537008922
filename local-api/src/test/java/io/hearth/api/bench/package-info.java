/**
 * A load driver for issue 3's video figures: a scripted RTSP camera, raw viewers and a hub in its
 * own process, measuring hub-added latency, first-frame time and CPU per stream next to {@code
 * ffmpeg -c copy}. Run {@link io.hearth.api.bench.VideoBenchmark}; see docs/benchmarks.md. Also
 * {@link io.hearth.api.bench.RestartBenchmark}: displays coming back after the hub is killed.
 */
package io.hearth.api.bench;
