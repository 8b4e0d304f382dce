package io.packnet.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much CPU processes other than the harness and the server under test used during a run, from
 * {@code /proc/stat} and {@code /proc/<pid>/stat}. The load generator and the server share the machine,
 * so anything else running (a build, another benchmark) skews the numbers; the report says by how much.
 */
final class OtherCpuUsage {

	/** Linux reports CPU times in clock ticks of 1/100 s on every common configuration. */
	private static final double TICKS_PER_SECOND = 100;

	/** Above this many cores used by others, a run is flagged as unreliable. */
	private static final double BUSY_THRESHOLD_CORES = 0.25;

	private final long[] pids;

	private final long machineTicksAtStart;

	private final long ownTicksAtStart;

	private final long startNanos;

	private OtherCpuUsage(long[] pids) {
		this.pids = pids;
		this.machineTicksAtStart = machineBusyTicks();
		this.ownTicksAtStart = ticks(pids);
		this.startNanos = System.nanoTime();
	}

	/** Starts measuring; {@code pids} are the processes that belong to the run. */
	static OtherCpuUsage start(long... pids) {
		return new OtherCpuUsage(pids.clone());
	}

	/** E.g. {@code "other processes used 0.03 cores"}, flagged when it is more than a quarter core. */
	String describe() {
		long machine = machineBusyTicks();
		long own = ticks(pids);
		if (machine < 0 || own < 0 || machineTicksAtStart < 0 || ownTicksAtStart < 0) {
			return "CPU use of other processes unknown";
		}
		double seconds = (System.nanoTime() - startNanos) / 1e9;
		double otherCores = Math.max(0,
				((machine - machineTicksAtStart) - (own - ownTicksAtStart)) / TICKS_PER_SECOND / seconds);
		String text = String.format(Locale.ROOT, "other processes used %.2f of %d cores", otherCores,
				Runtime.getRuntime().availableProcessors());
		return (otherCores > BUSY_THRESHOLD_CORES) ? text + " - BUSY MACHINE, numbers are skewed" : text;
	}

	/** Busy ticks of all CPUs: user, nice, system, irq, softirq, steal. */
	private static long machineBusyTicks() {
		try {
			String first = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
			String[] fields = first.trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(fields[i]);
			}
			return busy;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The average number of cores {@code pids} used since {@code ticksAtStart} (from {@link #ticks}) was
	 * read {@code seconds} ago, or -1 if unknown.
	 */
	static double coresUsed(long[] pids, long ticksAtStart, double seconds) {
		long now = ticks(pids);
		return (now < 0 || ticksAtStart < 0) ? -1 : (now - ticksAtStart) / TICKS_PER_SECOND / seconds;
	}

	/** Converts {@link #ticks} to seconds. */
	static double seconds(long ticks) {
		return ticks / TICKS_PER_SECOND;
	}

	/** User plus system ticks of {@code pids}, all threads included; -1 if unknown. */
	static long ticks(long[] pids) {
		long total = 0;
		for (long pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
				// fields after the parenthesised command name: state is field 3, utime 14, stime 15
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
				total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		return total;
	}

}
