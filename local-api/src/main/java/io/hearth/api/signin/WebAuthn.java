package io.hearth.api.signin;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.hearth.runtime.error.HubException;
import java.util.Base64;
import java.util.List;

/**
 * The hub as a WebAuthn relying party, behind a small interface of ours (webauthn4j does the
 * checks: client data type, challenge, origin, rpId hash, user presence and verification,
 * signature, counter). Attestation is not asked for ("none"): a home needs to know that the same
 * key signs again, not which vendor made it. Everything the browser sends is base64url.
 */
public final class WebAuthn {
  private static final List<PublicKeyCredentialParameters> ALGORITHMS =
      List.of(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
  private final AttestedCredentialDataConverter credentials =
      new AttestedCredentialDataConverter(new ObjectConverter());

  /** What registration yields, to be stored with the member. */
  public record Registered(byte[] credentialId, byte[] credentialData, long signCount) {}

  /** The COSE algorithm numbers offered at registration, for the options sent to the page. */
  public static List<Long> algorithms() {
    return ALGORITHMS.stream().map(p -> p.getAlg().getValue()).toList();
  }

  public Registered register(
      String origin, String rpId, byte[] challenge, byte[] clientData, byte[] attestation) {
    try {
      RegistrationData data =
          manager.verify(
              new RegistrationRequest(attestation, clientData),
              new RegistrationParameters(server(origin, rpId, challenge), ALGORITHMS, true, true));
      AttestedCredentialData attested =
          data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
      return new Registered(
          attested.getCredentialId(),
          credentials.convert(attested),
          data.getAttestationObject().getAuthenticatorData().getSignCount());
    } catch (RuntimeException e) { // the library fails with its own and with Jackson's exceptions
      throw refused("the passkey could not be registered", e);
    }
  }

  /** Checks an assertion against the stored credential; returns the new signature counter. */
  public long authenticate(
      String origin, String rpId, byte[] challenge, Assertion assertion, Stored stored) {
    try {
      CredentialRecordImpl record =
          new CredentialRecordImpl(
              new NoneAttestationStatement(),
              true,
              null,
              null,
              stored.signCount(),
              credentials.convert(stored.credentialData()),
              null,
              null,
              null,
              null);
      AuthenticationData data =
          manager.verify(
              new AuthenticationRequest(
                  assertion.credentialId(),
                  assertion.userHandle(),
                  assertion.authenticatorData(),
                  assertion.clientData(),
                  null,
                  assertion.signature()),
              new AuthenticationParameters(
                  server(origin, rpId, challenge), record, null, true, true));
      return data.getAuthenticatorData().getSignCount();
    } catch (RuntimeException e) { // the library fails with its own and with Jackson's exceptions
      throw refused("the passkey did not sign in", e);
    }
  }

  /** What the browser's assertion carries, decoded. */
  public record Assertion(
      byte[] credentialId,
      byte[] userHandle,
      byte[] authenticatorData,
      byte[] clientData,
      byte[] signature) {}

  /** What the hub stored of a passkey at registration. */
  public record Stored(byte[] credentialData, long signCount) {}

  /** Decodes one base64url field the browser sent, or fails with a 400 naming it. */
  public static byte[] decode(String field, String text, int maxBytes) {
    if (text == null || text.length() > maxBytes * 4 / 3 + 4) {
      throw HubException.badRequest("field '" + field + "' is missing or too long");
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest("field '" + field + "' must be base64url");
    }
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ServerProperty server(String origin, String rpId, byte[] challenge) {
    return new ServerProperty(Origin.create(origin), rpId, new DefaultChallenge(challenge));
  }

  /** The library's reason is for the log of a developer, not for people: a short cause only. */
  private static HubException refused(String what, Exception e) {
    return new HubException(
        400,
        "passkey_refused",
        what + " (" + e.getClass().getSimpleName().replace("Exception", "") + "); try again");
  }
}
