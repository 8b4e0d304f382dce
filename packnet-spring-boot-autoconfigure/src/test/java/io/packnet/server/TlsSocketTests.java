package io.packnet.server;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.autoconfigure.PacknetSslContexts;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientException;
import io.packnet.client.PacketClientFactory;
import io.packnet.event.SessionClosedEvent;
import io.packnet.protocol.PacketProtocol;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.CommandServerConfiguration;
import io.packnet.support.RawSocketClient;
import io.packnet.support.RecordingListener;
import io.packnet.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS from Spring Boot SSL bundles, with a certificate generated for the test: PEM and JKS bundles,
 * the auto-configured and hand-built clients, client certificates, and clients that fail the handshake.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsSocketTests {

	@TempDir
	static Path certificateDirectory;

	static TestCertificates certificates;

	private ApplicationContextRunner runner;

	@BeforeAll
	static void generateCertificates() throws Exception {
		certificates = TestCertificates.generate(certificateDirectory);
	}

	@org.junit.jupiter.api.BeforeEach
	void runner() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PacknetAutoConfiguration.class))
			.withUserConfiguration(CommandServerConfiguration.class)
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
					"packnet.server.ssl.bundle=server", "packnet.client.ssl.bundle=client")
			.withPropertyValues(certificates.pemBundle("server", "server", "client"))
			.withPropertyValues(certificates.pemBundle("client", null, "server"));
	}

	@Test
	void shouldEchoOverTlsWhenTheServerAndClientUsePemBundles() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				assertEcho(client, "over tls");
				Session session = context.getBean(RecordingListener.class).nextStarted().session();
				SSLSession tls = session.sslSession().orElseThrow();
				assertThat(tls.getProtocol()).startsWith("TLSv1.");
				assertThatExceptionOfType(SSLPeerUnverifiedException.class).isThrownBy(tls::getPeerPrincipal);
			}
		});
	}

	@Test
	void shouldSendTheLastReplyThenCloseNotifyWhenTheApplicationClosesATlsSession() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				client.send("close").get(5, TimeUnit.SECONDS);
				assertThat(new String(client.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8)).isEqualTo("bye");
				client.closeFuture().get(5, TimeUnit.SECONDS);
			}
			assertThat(context.getBean(RecordingListener.class).nextClosed().reason())
				.isEqualTo(CloseReason.CLOSED_BY_APPLICATION);
		});
	}

	@Test
	void shouldServeTlsFromAJksBundleAndLetAHandBuiltClientUseABundle() {
		this.runner
			.withPropertyValues("spring.ssl.bundle.pem.server.keystore.certificate=",
					"spring.ssl.bundle.pem.server.keystore.private-key=", "packnet.server.ssl.bundle=jks-server",
					"spring.ssl.bundle.jks.jks-server.keystore.location=" + certificates.keyStore("server"),
					"spring.ssl.bundle.jks.jks-server.keystore.password=" + TestCertificates.PASSWORD,
					"spring.ssl.bundle.jks.jks-server.keystore.type=PKCS12")
			.run((context) -> {
				PacketProtocol protocol = context.getBean(PacketProtocol.class);
				try (PacketClient client = PacketClient.builder(protocol)
					.sslContext(PacknetSslContexts.forClient(context.getBean(SslBundles.class).getBundle("client")))
					.connect("127.0.0.1", context.getBean(PacketServer.class).port())) {
					assertEcho(client, "jks");
				}
			});
	}

	@Test
	void shouldRefuseAPlaintextClientWithTlsHandshakeFailedAndALogLine(CapturedOutput output) {
		this.runner.run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient plaintext = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				plaintext.writeFrame(4, ByteOrder.BIG_ENDIAN, "hello".getBytes(StandardCharsets.UTF_8));
				assertThat(plaintext.awaitClosedByServer()).isTrue();
			}
			SessionClosedEvent closed = events.nextClosed();
			assertThat(closed.reason()).isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
			assertThat(closed.session().sslSession()).isEmpty();
			assertThat(context.getBean(PacknetStatistics.class).tlsHandshakeFailures()).isEqualTo(1);
			assertThat(output).contains("Closing session " + closed.session().id())
				.contains("TLS_HANDSHAKE_FAILED (not an SSL/TLS record");
			assertWellBehavedClientStillEchoes(context);
		});
	}

	@Test
	void shouldFailTheConnectAndCloseAsTlsHandshakeFailedWhenTheClientDoesNotTrustTheServer() {
		// the client's bundle trusts only the client certificate: the server's is unknown to it
		this.runner.withPropertyValues(certificates.pemBundle("untrusting", null, "client")).run((context) -> {
			PacketProtocol protocol = context.getBean(PacketProtocol.class);
			PacketClient.Builder builder = PacketClient.builder(protocol)
				.connectTimeout(Duration.ofSeconds(3))
				.sslContext(PacknetSslContexts.forClient(context.getBean(SslBundles.class).getBundle("untrusting")));
			assertThatExceptionOfType(PacketClientException.class)
				.isThrownBy(() -> builder.connect("127.0.0.1", context.getBean(PacketServer.class).port()))
				.withMessageContaining("Could not connect");
			assertThat(context.getBean(RecordingListener.class).nextClosed().reason())
				.isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
			assertWellBehavedClientStillEchoes(context);
		});
	}

	@Test
	void shouldCloseAStalledHandshakeAfterTheHandshakeTimeout() {
		this.runner.withPropertyValues("packnet.server.ssl.handshake-timeout=300ms").run((context) -> {
			try (RawSocketClient silent = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				assertThat(silent.awaitClosedByServer()).isTrue();
			}
			SessionClosedEvent closed = context.getBean(RecordingListener.class).nextClosed();
			assertThat(closed.reason()).isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
			assertThat(closed.cause()).hasMessageContaining("handshake timed out");
			assertWellBehavedClientStillEchoes(context);
		});
	}

	@Test
	void shouldRequireATrustedClientCertificateWhenClientAuthIsNeed() {
		this.runner
			.withPropertyValues("packnet.server.ssl.client-auth=need",
					"spring.ssl.bundle.pem.client.keystore.certificate=" + certificates.certificate("client"),
					"spring.ssl.bundle.pem.client.keystore.private-key=" + certificates.privateKey("client"))
			.withPropertyValues(certificates.pemBundle("anonymous", null, "server"))
			.run((context) -> {
				RecordingListener events = context.getBean(RecordingListener.class);
				try (PacketClient client = connect(context)) {
					assertEcho(client, "with a certificate");
					SSLSession tls = events.nextStarted().session().sslSession().orElseThrow();
					assertThat(tls.getPeerPrincipal().getName()).isEqualTo("CN=alice");
				}
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
				// without a certificate: under TLS 1.3 the client may finish its side first, then it is cut
				PacketClient.Builder anonymous = PacketClient.builder(context.getBean(PacketProtocol.class))
					.connectTimeout(Duration.ofSeconds(3))
					.sslContext(PacknetSslContexts.forClient(context.getBean(SslBundles.class).getBundle("anonymous")));
				try (PacketClient client = anonymous.connect("127.0.0.1", context.getBean(PacketServer.class).port())) {
					client.send("no certificate");
					client.closeFuture().get(5, TimeUnit.SECONDS);
				}
				catch (PacketClientException ex) {
					// refused during the client's own handshake
				}
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
			});
	}

	@Test
	void shouldAcceptClientsWithoutACertificateWhenClientAuthIsWant() {
		this.runner.withPropertyValues("packnet.server.ssl.client-auth=want").run((context) -> {
			try (PacketClient client = connect(context)) {
				assertEcho(client, "no certificate needed");
			}
		});
	}

	@Test
	void shouldFailStartupNamingThePropertyWhenTheBundleDoesNotExist() {
		this.runner.withPropertyValues("packnet.server.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"packnet.server.ssl.bundle=missing names no SSL bundle; define it under spring.ssl.bundle.pem.missing.*");
		});
	}

	@Test
	void shouldFailStartupWhenClientAuthIsSetWithoutABundle() {
		this.runner.withPropertyValues("packnet.server.ssl.bundle=", "packnet.server.ssl.client-auth=need")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(
							"packnet.server.ssl.client-auth must be none when packnet.server.ssl.bundle is not set but was need");
			});
	}

	private static PacketClient connect(AssertableApplicationContext context) {
		return context.getBean(PacketClientFactory.class).connect("127.0.0.1",
				context.getBean(PacketServer.class).port());
	}

	private static void assertEcho(PacketClient client, String text) throws Exception {
		client.send(text).get(5, TimeUnit.SECONDS);
		assertThat(new String(client.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8)).isEqualTo(text);
	}

	private static void assertWellBehavedClientStillEchoes(AssertableApplicationContext context) throws Exception {
		try (PacketClient client = connect(context)) {
			assertEcho(client, "still here");
		}
	}

}
