package io.packnet.benchmarks.harness;

import io.packnet.benchmarks.load.WindowListener;

/**
 * The CPU time (user plus system, all threads) a server process used in a run's measured window, read
 * from {@code /proc/<pid>/stat} when the window opens and closes: 10 ms ticks, so an 8-second window of
 * a server using one core is resolved to about 0.1 %.
 */
final class ServerCpuWindow implements WindowListener {

	private final long[] pid;

	private volatile long openedTicks = -1;

	private volatile long closedTicks = -1;

	ServerCpuWindow(long pid) {
		this.pid = new long[] { pid };
	}

	@Override
	public void windowOpened() {
		this.openedTicks = OtherCpuUsage.ticks(this.pid);
	}

	@Override
	public void windowClosed() {
		this.closedTicks = OtherCpuUsage.ticks(this.pid);
	}

	/** The server's CPU seconds in the window, or {@code NaN} if unknown. */
	double cpuSeconds() {
		long opened = this.openedTicks;
		long closed = this.closedTicks;
		return (opened < 0 || closed < 0) ? Double.NaN : OtherCpuUsage.seconds(closed - opened);
	}

}
