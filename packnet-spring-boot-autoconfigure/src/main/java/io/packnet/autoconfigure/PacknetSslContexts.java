package io.packnet.autoconfigure;

import java.util.Arrays;
import java.util.Objects;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Builds Netty {@link SslContext}s from Spring Boot {@link SslBundle}s: the server's from
 * {@code packnet.server.ssl.bundle}, the clients' from {@code packnet.client.ssl.bundle}, or any
 * bundle for a hand-built {@code PacketClient}. The bundle's ciphers and protocols apply.
 */
public final class PacknetSslContexts {

	private PacknetSslContexts() {
	}

	/**
	 * Builds a server context: the bundle's key serves, its trust material checks client certificates.
	 * @param bundle the bundle
	 * @param clientAuth whether to ask for client certificates
	 * @return the context
	 * @throws IllegalStateException if the bundle's material cannot build a context
	 */
	public static SslContext forServer(SslBundle bundle, PacknetProperties.ClientAuth clientAuth) {
		SslManagerBundle managers = bundle.getManagers();
		SslContextBuilder builder = SslContextBuilder.forServer(managers.getKeyManagerFactory())
			.trustManager(managers.getTrustManagerFactory())
			.clientAuth(switch (Objects.requireNonNull(clientAuth, "clientAuth")) {
				case NONE -> ClientAuth.NONE;
				case WANT -> ClientAuth.OPTIONAL;
				case NEED -> ClientAuth.REQUIRE;
			});
		return build(applyOptions(builder, bundle.getOptions()), "server");
	}

	/**
	 * Builds a client context: the bundle's trust material checks the server, its key (if any) is the
	 * client certificate.
	 * @param bundle the bundle
	 * @return the context
	 * @throws IllegalStateException if the bundle's material cannot build a context
	 */
	public static SslContext forClient(SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		SslContextBuilder builder = SslContextBuilder.forClient()
			.keyManager(managers.getKeyManagerFactory())
			.trustManager(managers.getTrustManagerFactory());
		return build(applyOptions(builder, bundle.getOptions()), "client");
	}

	private static SslContextBuilder applyOptions(SslContextBuilder builder, SslOptions options) {
		if (options.getCiphers() != null) {
			builder.ciphers(Arrays.asList(options.getCiphers()));
		}
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		return builder;
	}

	private static SslContext build(SslContextBuilder builder, String side) {
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Could not build a TLS " + side + " context from the SSL bundle: "
					+ ex.getMessage(), ex);
		}
	}

}
