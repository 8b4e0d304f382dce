package io.packnet.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * Self-signed certificates made for a test, in process with the JDK alone (a few lines of DER, EC
 * P-256): a server certificate for {@code localhost} and {@code 127.0.0.1}, and a client certificate
 * for {@code CN=alice}. Each is written as PEM files and a PKCS#12 store, ready for
 * {@code spring.ssl.bundle.pem.*} or {@code spring.ssl.bundle.jks.*}.
 */
public final class TestCertificates {

	public static final String PASSWORD = "secret";

	private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/**
	 * Generates the certificates into a directory.
	 * @param directory where to write them (a {@code @TempDir})
	 * @return the certificates
	 */
	public static TestCertificates generate(Path directory) throws Exception {
		TestCertificates certificates = new TestCertificates(directory);
		certificates.generate("server", "localhost", true);
		certificates.generate("client", "alice", false);
		return certificates;
	}

	private void generate(String name, String commonName, boolean serverNames) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		byte[] subject = seq(set(seq(oid("2.5.4.3"), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
		long now = System.currentTimeMillis();
		List<byte[]> tbs = new ArrayList<>(List.of(tlv(0xA0, integer(BigInteger.TWO)),
				integer(BigInteger.valueOf(now)), seq(oid(ECDSA_WITH_SHA256)), subject,
				seq(utcTime(now - 3_600_000), utcTime(now + 2 * 86_400_000)), subject, keys.getPublic().getEncoded()));
		if (serverNames) {
			byte[] names = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
					tlv(0x87, new byte[] { 127, 0, 0, 1 }));
			tbs.add(tlv(0xA3, seq(seq(oid("2.5.29.17"), tlv(0x04, names)))));
		}
		byte[] toBeSigned = seq(tbs.toArray(byte[][]::new));
		Signature signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(keys.getPrivate());
		signature.update(toBeSigned);
		byte[] der = seq(toBeSigned, seq(oid(ECDSA_WITH_SHA256)), bitString(signature.sign()));
		X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(der));
		Files.writeString(this.directory.resolve(name + ".crt"), pem("CERTIFICATE", der));
		Files.writeString(this.directory.resolve(name + ".key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry(name, keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] { certificate });
		try (OutputStream out = Files.newOutputStream(this.directory.resolve(name + ".p12"))) {
			store.store(out, PASSWORD.toCharArray());
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static byte[] tlv(int tag, byte[] value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = value.length;
		if (length < 128) {
			out.write(length);
		}
		else {
			byte[] bytes = BigInteger.valueOf(length).toByteArray();
			int skip = (bytes[0] == 0) ? 1 : 0;
			out.write(0x80 | (bytes.length - skip));
			out.write(bytes, skip, bytes.length - skip);
		}
		out.writeBytes(value);
		return out.toByteArray();
	}

	private static byte[] seq(byte[]... parts) {
		return tlv(0x30, concat(parts));
	}

	private static byte[] set(byte[]... parts) {
		return tlv(0x31, concat(parts));
	}

	private static byte[] integer(BigInteger value) {
		return tlv(0x02, value.toByteArray());
	}

	private static byte[] bitString(byte[] bits) {
		return tlv(0x03, concat(new byte[] { 0 }, bits));
	}

	private static byte[] utcTime(long millis) {
		SimpleDateFormat format = new SimpleDateFormat("yyMMddHHmmss'Z'");
		format.setTimeZone(TimeZone.getTimeZone("UTC"));
		return tlv(0x17, format.format(new Date(millis)).getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] oid(String dotted) {
		String[] arcs = dotted.split("\\.");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
		for (int i = 2; i < arcs.length; i++) {
			long arc = Long.parseLong(arcs[i]);
			int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
			for (int g = groups - 1; g >= 0; g--) {
				out.write((int) ((arc >>> (7 * g)) & 0x7F) | ((g > 0) ? 0x80 : 0));
			}
		}
		return tlv(0x06, out.toByteArray());
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** @return the PEM certificate file of {@code server} or {@code client} as a Spring resource location */
	public String certificate(String name) {
		return "file:" + this.directory.resolve(name + ".crt");
	}

	/** @return the PEM private key file of {@code server} or {@code client} as a Spring resource location */
	public String privateKey(String name) {
		return "file:" + this.directory.resolve(name + ".key");
	}

	/** @return the PKCS#12 store of {@code server} or {@code client} as a Spring resource location */
	public String keyStore(String name) {
		return "file:" + this.directory.resolve(name + ".p12");
	}

	/**
	 * Properties for a PEM bundle holding one side's key and trusting the other side's certificate.
	 * @param bundle the bundle name
	 * @param self {@code server} or {@code client}, or {@code null} for a bundle without a key
	 * @param trusted the certificate to trust, or {@code null} for none
	 * @return {@code spring.ssl.bundle.pem.*} properties
	 */
	public String[] pemBundle(String bundle, String self, String trusted) {
		List<String> properties = new ArrayList<>();
		if (self != null) {
			properties.add("spring.ssl.bundle.pem." + bundle + ".keystore.certificate=" + certificate(self));
			properties.add("spring.ssl.bundle.pem." + bundle + ".keystore.private-key=" + privateKey(self));
		}
		if (trusted != null) {
			properties.add("spring.ssl.bundle.pem." + bundle + ".truststore.certificate=" + certificate(trusted));
		}
		return properties.toArray(String[]::new);
	}

}
