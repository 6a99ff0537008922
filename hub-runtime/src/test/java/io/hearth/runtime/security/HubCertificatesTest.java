package io.hearth.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.store.SecureFiles;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCertificatesTest {
  @TempDir Path dir;

  @Test
  void issuesACertificateSignedByItsOwnCaCoveringNamesAndAddresses() throws Exception {
    HubCertificates certs = new HubCertificates(dir);
    certs.ensure(
        List.of("localhost", "hub.local"),
        List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("192.0.2.7")));
    X509Certificate ca = HubCertificates.readCertificate(certs.caCertificate());
    X509Certificate cert = HubCertificates.readCertificate(certs.certificate());
    cert.verify(ca.getPublicKey());
    String names = String.valueOf(cert.getSubjectAlternativeNames());
    assertTrue(names.contains("hub.local") && names.contains("192.0.2.7"), names);
    assertEquals(-1, cert.getBasicConstraints());
    assertTrue(ca.getBasicConstraints() >= 0);
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly() throws Exception {
    HubCertificates certs = new HubCertificates(dir);
    certs.ensure(List.of("localhost"), List.of(InetAddress.getLoopbackAddress()));
    assertEquals(SecureFiles.OWNER_ONLY_FILE, Files.getPosixFilePermissions(certs.caKey()));
    assertEquals(SecureFiles.OWNER_ONLY_FILE, Files.getPosixFilePermissions(certs.key()));
    assertEquals(SecureFiles.OWNER_ONLY_DIR, Files.getPosixFilePermissions(dir.resolve("tls")));
  }

  @Test
  void aNewAddressGetsANewCertificateFromTheSameCa() throws Exception {
    HubCertificates certs = new HubCertificates(dir);
    List<String> names = List.of("localhost");
    certs.ensure(names, List.of(InetAddress.getByName("192.0.2.7")));
    String caBefore = Files.readString(certs.caCertificate());
    String first = certs.fingerprint();
    certs.ensure(names, List.of(InetAddress.getByName("192.0.2.7")));
    assertEquals(first, certs.fingerprint(), "an unchanged address must keep the certificate");
    certs.ensure(names, List.of(InetAddress.getByName("192.0.2.8")));
    assertNotEquals(first, certs.fingerprint());
    assertEquals(caBefore, Files.readString(certs.caCertificate()));
  }
}
