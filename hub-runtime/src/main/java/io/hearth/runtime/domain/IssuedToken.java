package io.hearth.runtime.domain;

/** A freshly issued token: its record and the secret, which is shown once and never stored. */
public record IssuedToken(ApiToken token, String secret) {}
