package io.packnet.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An independent client built from {@code java.net.Socket}: it frames with its own code, so the
 * server's framing is checked against something that does not share its implementation.
 */
public final class RawSocketClient implements AutoCloseable {

	private final Socket socket;

	private final DataOutputStream out;

	private final DataInputStream in;

	public RawSocketClient(int port) throws IOException {
		this(new Socket("127.0.0.1", port));
	}

	/** Wraps a connected socket (bound to a chosen local address, say). */
	public RawSocketClient(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout(5000);
		this.socket.setTcpNoDelay(true);
		this.out = new DataOutputStream(this.socket.getOutputStream());
		this.in = new DataInputStream(this.socket.getInputStream());
	}

	public Socket socket() {
		return this.socket;
	}

	/** Encodes a length header of {@code size} bytes the way Erlang's {packet, N} does. */
	public static byte[] header(int size, ByteOrder order, long length) {
		ByteBuffer buffer = ByteBuffer.allocate(8).order(order);
		buffer.putLong(length);
		byte[] all = buffer.array();
		byte[] header = new byte[size];
		if (order == ByteOrder.BIG_ENDIAN) {
			System.arraycopy(all, 8 - size, header, 0, size);
		}
		else {
			System.arraycopy(all, 0, header, 0, size);
		}
		return header;
	}

	public void writeRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	public void writeFrame(int headerSize, ByteOrder order, byte[] payload) throws IOException {
		this.out.write(header(headerSize, order, payload.length));
		this.out.write(payload);
		this.out.flush();
	}

	public byte[] readExactly(int length) throws IOException {
		byte[] bytes = new byte[length];
		this.in.readFully(bytes);
		return bytes;
	}

	public byte[] readFrame(int headerSize, ByteOrder order) throws IOException {
		byte[] header = readExactly(headerSize);
		byte[] padded = new byte[8];
		if (order == ByteOrder.BIG_ENDIAN) {
			System.arraycopy(header, 0, padded, 8 - headerSize, headerSize);
		}
		else {
			System.arraycopy(header, 0, padded, 0, headerSize);
		}
		long length = ByteBuffer.wrap(padded).order(order).getLong();
		return readExactly((int) length);
	}

	/** Reads until the server closes the connection; returns {@code true} if it did within the timeout. */
	public boolean awaitClosedByServer() throws IOException {
		try {
			byte[] buffer = new byte[8192];
			for (int i = 0; i < 100_000; i++) {
				if (this.in.read(buffer) < 0) {
					return true;
				}
			}
			return false;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (EOFException ex) {
			return true;
		}
		catch (IOException ex) {
			// connection reset counts as closed
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
