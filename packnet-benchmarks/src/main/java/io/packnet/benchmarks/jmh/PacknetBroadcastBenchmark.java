package io.packnet.benchmarks.jmh;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.FrameEncoder;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.session.ChannelSession;
import io.packnet.session.OverflowPolicy;
import io.packnet.session.SessionRegistry;
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
 * One broadcast to {@code members} sessions: {@link BroadcastTemplate#broadcast(String, Object)} against
 * a hand-written encode-once loop (one framed buffer, a retained duplicate written to each member, one
 * flush each). Members are real {@link ChannelSession}s on local-transport channels that all share one
 * event loop, as a loop's share of a server's sessions does; each broadcast runs on that loop (the
 * benchmark thread submits it and waits), and the peers release what they receive. Scores are
 * broadcasts per second; run with {@code -prof gc} for the allocation per broadcast (divide by
 * {@code members} for per delivery).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacknetBroadcastBenchmark {

	private static final String GROUP = "bench";

	@Param({ "100" })
	int members;

	@Param({ "128" })
	int payloadSize;

	private EventLoopGroup loop;

	private Channel server;

	private final List<Channel> channels = new ArrayList<>();

	private final List<ChannelSession> sessions = new ArrayList<>();

	private LengthFieldProtocol protocol;

	private BroadcastTemplate template;

	private ByteBuf payload;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		loop = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
		LocalAddress address = new LocalAddress("packnet-broadcast-benchmark");
		server = new ServerBootstrap().group(loop)
			.channel(LocalServerChannel.class)
			.childHandler(new ReleasingHandler())
			.bind(address)
			.sync()
			.channel();
		protocol = new LengthFieldProtocol(4, ByteOrder.BIG_ENDIAN, 1 << 20, false);
		MessageEncoder encoder = MessageEncoder.plain();
		PacknetStatistics statistics = new PacknetStatistics();
		SessionRegistry registry = new SessionRegistry();
		template = new BroadcastTemplate(registry, encoder, protocol);
		SessionSettings settings = new SessionSettings(1 << 20, 64L << 20, OverflowPolicy.CLOSE,
				Duration.ofSeconds(1));
		for (int i = 0; i < members; i++) {
			Channel channel = new Bootstrap().group(loop).channel(LocalChannel.class).handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel ch) {
					ch.pipeline().addLast(new FrameEncoder(protocol), new ReleasingHandler());
				}
			}).connect(address).sync().channel();
			ChannelSession session = new ChannelSession(registry.nextId(), channel.pipeline().firstContext(),
					encoder, settings, statistics);
			registry.add(session);
			template.join(GROUP, session);
			channels.add(channel);
			sessions.add(session);
		}
		payload = PooledByteBufAllocator.DEFAULT.directBuffer(payloadSize).writeZero(payloadSize);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		for (Channel channel : channels) {
			channel.close().sync();
		}
		server.close().sync();
		payload.release();
		loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
	}

	/** packnet: encode once, a retained duplicate per member, one flush per member. */
	@Benchmark
	public int template() throws Exception {
		return loop.submit(() -> template.broadcast(GROUP, payload.retainedDuplicate())).get();
	}

	/** The same by hand: the floor the template is compared with. */
	@Benchmark
	public int encodeOnceByHand() throws Exception {
		return loop.submit(() -> {
			ByteBufAllocator alloc = channels.get(0).alloc();
			ByteBuf frame = alloc.ioBuffer(4 + payloadSize);
			frame.writeInt(payloadSize).writeBytes(payload, payload.readerIndex(), payloadSize);
			try {
				for (ChannelSession session : sessions) {
					session.writeFrame(frame.retainedDuplicate(), payloadSize);
				}
				for (ChannelSession session : sessions) {
					session.flush();
				}
			}
			finally {
				frame.release();
			}
			return sessions.size();
		}).get();
	}

	/** Releases whatever arrives. */
	@io.netty.channel.ChannelHandler.Sharable
	private static final class ReleasingHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ReferenceCountUtil.release(msg);
		}

	}

}
