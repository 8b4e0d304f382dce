package io.packnet.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
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

import io.packnet.benchmarks.wire.LengthPrefix;

/**
 * Baseline for packnet's decode benchmarks: Netty's {@code LengthFieldBasedFrameDecoder} splitting one
 * read of {@value #FRAMES_PER_READ} length-prefixed frames, over an {@link EmbeddedChannel}. Scores are
 * frames per second. Later phases add packnet's decoder, dispatch and broadcast benchmarks beside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RawNettyFrameDecodeBenchmark {

	/** Frames in each simulated socket read. */
	static final int FRAMES_PER_READ = 16;

	@Param({ "64", "1024" })
	int payloadSize;

	@Param({ "4" })
	int headerSize;

	private EmbeddedChannel channel;

	private ByteBuf read;

	@Setup(Level.Trial)
	public void setUp() {
		LengthPrefix prefix = new LengthPrefix(headerSize, java.nio.ByteOrder.BIG_ENDIAN);
		channel = new EmbeddedChannel(prefix.newDecoder(payloadSize));
		read = PooledByteBufAllocator.DEFAULT.directBuffer(FRAMES_PER_READ * (headerSize + payloadSize));
		for (int i = 0; i < FRAMES_PER_READ; i++) {
			prefix.writeLength(read, payloadSize);
			read.writeZero(payloadSize);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		read.release();
		channel.finishAndReleaseAll();
	}

	/** Decodes one read into {@value #FRAMES_PER_READ} frames and releases them; returns the bytes seen. */
	@Benchmark
	@OperationsPerInvocation(FRAMES_PER_READ)
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
