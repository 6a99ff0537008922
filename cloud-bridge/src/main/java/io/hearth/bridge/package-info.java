/**
 * The cloud bridge: the blind relay ({@code relay}), the hub's connection out to it ({@code link})
 * and the frames and proofs they share ({@code wire}). Off by default: nothing in the hub starts a
 * relay link yet, so no connection leaves the home network from this version of Hearth. See
 * docs/relay.md.
 */
package io.hearth.bridge;
