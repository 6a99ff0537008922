/**
 * The cloud bridge: the blind relay ({@code relay}), the hub's connection out to it ({@code link}),
 * the frames and proofs they share ({@code wire}), the end-to-end channel between a display and its
 * hub ({@code channel}) and the hub module that joins them ({@code hub}, {@code bridge.enabled},
 * off by default: then no connection leaves the home network from it). See docs/relay.md.
 */
package io.hearth.bridge;
