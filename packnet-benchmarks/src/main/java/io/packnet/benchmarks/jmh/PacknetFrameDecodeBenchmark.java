package io.packnet.benchmarks.jmh;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.packnet.protocol.FrameDecoder;
import io.packnet.protocol.LengthFieldProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * packnet's {@link FrameDecoder} with {@link LengthFieldProtocol}, measured exactly as
 * {@link RawNettyFrameDecodeBenchmark} measures Netty's {@code LengthFieldBasedFrameDecoder}: one read of
 * {@value RawNettyFrameDecodeBenchmark#FRAMES_PER_READ} frames on an {@link EmbeddedChannel}; frames per
 * second. Run both with {@code ./run.sh jmh FrameDecode}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacknetFrameDecodeBenchmark {

	@Param({ "64", "1024" })
	int payloadSize;

	@Param({ "4" })
	int headerSize;

	private EmbeddedChannel channel;

	private ByteBuf read;

	@Setup(Level.Trial)
	public void setUp() {
		LengthFieldProtocol protocol = new LengthFieldProtocol(headerSize, ByteOrder.BIG_ENDIAN, payloadSize, false);
		channel = new EmbeddedChannel(new FrameDecoder(protocol));
		int frames = RawNettyFrameDecodeBenchmark.FRAMES_PER_READ;
		read = PooledByteBufAllocator.DEFAULT.directBuffer(frames * (headerSize + payloadSize));
		for (int i = 0; i < frames; i++) {
			read.writeInt(payloadSize);
			read.writeZero(payloadSize);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		read.release();
		channel.finishAndReleaseAll();
	}

	/** Decodes one read into its frames and releases them; returns the bytes seen. */
	@Benchmark
	@OperationsPerInvocation(RawNettyFrameDecodeBenchmark.FRAMES_PER_READ)
	public int decode() {
		channel.writeInbound(read.retainedDuplicate());
		int bytes = 0;
		ByteBuf frame;
		while ((frame = channel.readInbound()) != null) {
			bytes += frame.readableBytes();
			frame.release();
		}
		return bytes;
	}

}
