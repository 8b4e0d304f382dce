package io.packnet.support;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.packnet.event.PacketServerStoppingEvent;
import io.packnet.event.SessionClosedEvent;
import io.packnet.event.SessionStartedEvent;
import org.springframework.context.event.EventListener;

/**
 * Records packnet's application events for assertions.
 */
public class RecordingListener {

	public final BlockingQueue<SessionStartedEvent> started = new LinkedBlockingQueue<>();

	public final BlockingQueue<SessionClosedEvent> closed = new LinkedBlockingQueue<>();

	public final BlockingQueue<PacketServerStoppingEvent> stopping = new LinkedBlockingQueue<>();

	@EventListener
	void on(SessionStartedEvent event) {
		this.started.add(event);
	}

	@EventListener
	void on(SessionClosedEvent event) {
		this.closed.add(event);
	}

	@EventListener
	void on(PacketServerStoppingEvent event) {
		this.stopping.add(event);
	}

	public SessionClosedEvent nextClosed() throws InterruptedException {
		SessionClosedEvent event = this.closed.poll(10, TimeUnit.SECONDS);
		if (event == null) {
			throw new AssertionError("No SessionClosedEvent within 10 s");
		}
		return event;
	}

	public SessionStartedEvent nextStarted() throws InterruptedException {
		SessionStartedEvent event = this.started.poll(10, TimeUnit.SECONDS);
		if (event == null) {
			throw new AssertionError("No SessionStartedEvent within 10 s");
		}
		return event;
	}

}
