package io.hearth.runtime.security;

import io.hearth.runtime.store.SecureFiles;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The hub's own certificate authority and its TLS certificate, under {@code <data>/tls}. The CA key
 * (P-256) is made once and never leaves the box; the TLS certificate names every host name and LAN
 * address the hub answers on, and is issued again when those change or it nears expiry. Private
 * keys are mode 0600.
 */
public final class HubCertificates {
  static final Duration CA_LIFETIME = Duration.ofDays(3650 * 2);
  static final Duration CERT_LIFETIME = Duration.ofDays(397);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final Path dir;

  public HubCertificates(Path dataDir) {
    this.dir = dataDir.resolve("tls");
  }

  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  public Path caKey() {
    return dir.resolve("ca-key.pem");
  }

  public Path certificate() {
    return dir.resolve("hub.pem");
  }

  public Path key() {
    return dir.resolve("hub-key.pem");
  }

  /**
   * Makes the CA if missing and (re)issues the TLS certificate when it does not cover the given
   * names and addresses or expires within 30 days. Blocking: run it off the event loop.
   */
  public void ensure(Collection<String> hostNames, Collection<InetAddress> addresses)
      throws IOException, GeneralSecurityException {
    SecureFiles.createPrivateDirectory(dir);
    if (!Files.exists(caCertificate()) || !Files.exists(caKey())) {
      createAuthority();
    }
    Set<String> wanted = subjectNames(hostNames, addresses);
    if (!Files.exists(certificate()) || !Files.exists(key()) || !covers(wanted)) {
      issue(hostNames, addresses);
    }
  }

  /** SHA-256 of the TLS certificate, hex: what a display pins after pairing. */
  public String fingerprint() throws IOException, GeneralSecurityException {
    byte[] der = readCertificate(certificate()).getEncoded();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
  }

  private void createAuthority() throws IOException, GeneralSecurityException {
    KeyPair pair = newKeyPair();
    X500Name name = new X500Name("CN=Hearth hub CA " + HexFormat.of().formatHex(serial(8)));
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(1, serial(16)),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(CA_LIFETIME)),
            name,
            pair.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    X509Certificate ca = sign(builder, pair.getPrivate());
    Files.deleteIfExists(caKey());
    SecureFiles.writeNewPrivateFile(caKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    SecureFiles.replacePrivateFile(caCertificate(), pem("CERTIFICATE", ca.getEncoded()));
  }

  private void issue(Collection<String> hostNames, Collection<InetAddress> addresses)
      throws IOException, GeneralSecurityException {
    X509Certificate ca = readCertificate(caCertificate());
    PrivateKey caPrivate = readKey(caKey());
    KeyPair pair = newKeyPair();
    String cn = hostNames.isEmpty() ? "hearth" : hostNames.iterator().next();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca,
            new BigInteger(1, serial(16)),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(CERT_LIFETIME)),
            new X500Name("CN=" + cn),
            pair.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    builder.addExtension(
        Extension.subjectAlternativeName, false, alternativeNames(hostNames, addresses));
    X509Certificate cert = sign(builder, caPrivate);
    Files.deleteIfExists(key());
    SecureFiles.writeNewPrivateFile(key(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    SecureFiles.replacePrivateFile(certificate(), pem("CERTIFICATE", cert.getEncoded()));
  }

  private boolean covers(Set<String> wanted) throws IOException, GeneralSecurityException {
    X509Certificate cert = readCertificate(certificate());
    if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
      return false;
    }
    Set<String> present = new TreeSet<>();
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    if (names != null) {
      for (List<?> entry : names) {
        present.add(String.valueOf(entry.get(1)).toLowerCase(java.util.Locale.ROOT));
      }
    }
    Set<String> normalized = new TreeSet<>();
    wanted.forEach(w -> normalized.add(w.toLowerCase(java.util.Locale.ROOT)));
    return present.containsAll(normalized);
  }

  private static Set<String> subjectNames(
      Collection<String> hostNames, Collection<InetAddress> addresses) {
    Set<String> names = new TreeSet<>(hostNames);
    for (InetAddress address : addresses) {
      names.add(address.getHostAddress().replaceFirst("%.*$", ""));
    }
    return names;
  }

  private static GeneralNames alternativeNames(
      Collection<String> hostNames, Collection<InetAddress> addresses) {
    List<GeneralName> names = new ArrayList<>();
    hostNames.forEach(h -> names.add(new GeneralName(GeneralName.dNSName, h)));
    for (InetAddress address : addresses) {
      String text = address.getHostAddress().replaceFirst("%.*$", "");
      names.add(new GeneralName(GeneralName.iPAddress, text));
    }
    return new GeneralNames(names.toArray(new GeneralName[0]));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign the certificate", e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static byte[] serial(int bytes) {
    byte[] serial = new byte[bytes];
    new SecureRandom().nextBytes(serial);
    serial[0] &= 0x7f;
    return serial;
  }

  static byte[] pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    StringBuilder body = new StringBuilder();
    new java.io.BufferedReader(new StringReader(text))
        .lines()
        .filter(line -> !line.startsWith("-----"))
        .forEach(body::append);
    byte[] der = Base64.getDecoder().decode(body.toString());
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
