package io.packnet.benchmarks.jmh;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.packnet.benchmarks.server.PacknetEchoHandler;
import io.packnet.benchmarks.server.PacknetServer;
import io.packnet.actuate.handler.PacketHandlerMetrics;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.TypeField;
import io.packnet.handler.PacketHandlerDispatcher;
import io.packnet.protocol.FrameEncoder;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.session.ChannelSession;
import io.packnet.session.OverflowPolicy;
import io.packnet.session.SessionSettings;
import io.packnet.stats.PacknetStatistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decoded frame through {@link PacketHandlerDispatcher} to the benchmark's {@code byte[]} echo
 * handler ({@link PacknetEchoHandler}) and back out as a framed reply, against the same work done by
 * hand (read the type field, copy the payload, call the method, encode with the type, send). The
 * difference is the dispatch machinery: routing, argument resolution, invocation and return handling.
 * {@code dispatchTimed} adds what a {@code MeterRegistry} adds: the {@code packnet.handler} timing.
 * The session is a real {@link ChannelSession} on an {@link EmbeddedChannel} whose pipeline frames
 * replies; each operation drains and releases the reply. Scores are frames per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacknetDispatchBenchmark {

	private static final TypeField TYPE_FIELD = new TypeField(2, ByteOrder.BIG_ENDIAN);

	@Param({ "64", "1024" })
	int payloadSize;

	private EmbeddedChannel channel;

	private ChannelSession session;

	private MessageEncoder encoder;

	private PacketHandlerDispatcher dispatcher;

	private PacketHandlerDispatcher timedDispatcher;

	private PacknetEchoHandler handler;

	private ByteBuf frame;

	@Setup(Level.Trial)
	public void setUp() {
		LengthFieldProtocol protocol = new LengthFieldProtocol(4, ByteOrder.BIG_ENDIAN, 1 << 20, false);
		channel = new EmbeddedChannel(new FrameEncoder(protocol), new ChannelInboundHandlerAdapter());
		encoder = new MessageEncoder(TYPE_FIELD, List.of());
		session = new ChannelSession(1, channel.pipeline().firstContext(), encoder,
				new SessionSettings(1 << 20, 4L << 20, OverflowPolicy.CLOSE, Duration.ofSeconds(1)),
				new PacknetStatistics());
		handler = new PacknetEchoHandler();
		dispatcher = PacketHandlerDispatcher.builder(encoder).build();
		dispatcher.registerHandler("echo", handler);
		dispatcher.initialize();
		SimpleMeterRegistry registry = new SimpleMeterRegistry(PacknetServer.CumulativeSimpleConfig.INSTANCE,
				Clock.SYSTEM);
		timedDispatcher = PacketHandlerDispatcher.builder(encoder)
			.invocationListeners(List.of(new PacketHandlerMetrics(registry)))
			.build();
		timedDispatcher.registerHandler("echo", handler);
		timedDispatcher.initialize();
		frame = PooledByteBufAllocator.DEFAULT.directBuffer(payloadSize);
		TYPE_FIELD.write(frame, 7);
		frame.writeZero(payloadSize - TYPE_FIELD.size());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		frame.release();
		channel.finishAndReleaseAll();
	}

	/** The frame through the dispatcher, as the session handler passes it (and releases it after). */
	@Benchmark
	public int dispatch() {
		return dispatchThrough(dispatcher);
	}

	/** The same, timed by {@link PacketHandlerMetrics} as when a {@code MeterRegistry} is present. */
	@Benchmark
	public int dispatchTimed() {
		return dispatchThrough(timedDispatcher);
	}

	private int dispatchThrough(PacketHandlerDispatcher through) {
		ByteBuf in = frame.retainedDuplicate();
		try {
			through.dispatch(session, in);
		}
		finally {
			in.release();
		}
		return drain();
	}

	/** The same work without the dispatcher: the floor the dispatcher is compared with. */
	@Benchmark
	public int directCall() {
		ByteBuf in = frame.retainedDuplicate();
		try {
			int type = TYPE_FIELD.read(in);
			byte[] reply = handler.echo(ByteBufUtil.getBytes(in));
			session.sendPayload(encoder.encode(channel.alloc(), type, reply));
		}
		finally {
			in.release();
		}
		return drain();
	}

	private int drain() {
		int bytes = 0;
		Object out;
		while ((out = channel.readOutbound()) != null) {
			bytes += ((ByteBuf) out).readableBytes();
			ReferenceCountUtil.release(out);
		}
		return bytes;
	}

}
