package io.packnet.benchmarks.load;

/**
 * Told when a run's measured window opens and when it closes, on a client event loop (so keep it short):
 * for measuring something else over exactly that window, such as the server's CPU time.
 */
public interface WindowListener {

	/** A listener that does nothing. */
	WindowListener NONE = new WindowListener() {

		@Override
		public void windowOpened() {
		}

		@Override
		public void windowClosed() {
		}

	};

	/** Warmup is over: from now on replies count. */
	void windowOpened();

	/** Measuring is over: sending stops, the rest drains. */
	void windowClosed();

}
