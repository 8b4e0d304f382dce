package io.packnet.benchmarks.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RelayReportTest {

	@Test
	void shouldReadTheAnswerItWrites() {
		RelayReport report = new RelayReport("UP", 1200, 3, 4, 5, 6, 70);
		assertThat(report.toAnswer()).isEqualTo("CLUSTER UP 1200 3 4 5 6 70");
		assertThat(RelayReport.parse(report.toAnswer())).isEqualTo(report);
		assertThat(report.notRelayed()).isEqualTo(4 + 5 + 6);
		assertThat(report.describe()).isEqualTo("UP, relayed 1,200, received 3, not relayed 15 "
				+ "(unavailable 4, queue-full 5, publish-failed 6), 70 B pending");
	}

	@Test
	void shouldRejectAnAnswerOfAServerWithoutRelay() {
		assertThatIllegalArgumentException().isThrownBy(() -> RelayReport.parse(ServerControl.CLUSTER_OFF))
			.withMessageContaining("Not a cluster relay report");
	}

}
