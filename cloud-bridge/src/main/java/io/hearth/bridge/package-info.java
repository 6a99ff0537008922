/**
 * The cloud bridge: the hub-side connector to the blind relay, and the relay server. Off by default
 * and not built yet: no connection leaves the home network from this version of Hearth.
 */
package io.hearth.bridge;
