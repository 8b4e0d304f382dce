package io.packnet.handler.invocation;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RouteTable}: array for small types, primitive map for large ones, default route fallback.
 */
class RouteTableTests {

	@Test
	void shouldUseAnArrayWhenEveryTypeIsSmall() {
		RouteTable<String> table = RouteTable.of(Map.of(0, "zero", 7, "seven", 65535, "max"), "default");
		assertThat(table.isArray()).isTrue();
		assertThat(table.lookup(0)).isEqualTo("zero");
		assertThat(table.lookup(7)).isEqualTo("seven");
		assertThat(table.lookup(65535)).isEqualTo("max");
		assertThat(table.lookup(8)).isEqualTo("default");
		assertThat(table.lookup(65536)).isEqualTo("default");
		assertThat(table.lookup(-1)).isEqualTo("default");
		assertThat(table.size()).isEqualTo(3);
	}

	@Test
	void shouldUseAPrimitiveMapWhenATypeIsLarge() {
		// 0xFFFFFFFF: a 4-byte type read as a negative int
		RouteTable<String> table = RouteTable.of(Map.of(1, "one", 70000, "large", -1, "all ones"), null);
		assertThat(table.isArray()).isFalse();
		assertThat(table.lookup(1)).isEqualTo("one");
		assertThat(table.lookup(70000)).isEqualTo("large");
		assertThat(table.lookup(-1)).isEqualTo("all ones");
		assertThat(table.lookup(2)).isNull();
	}

	@Test
	void shouldFindOnlyTheDefaultRouteWhenNothingIsMapped() {
		assertThat(RouteTable.of(Map.of(), "default").lookup(3)).isEqualTo("default");
		assertThat(RouteTable.empty().lookup(0)).isNull();
	}

}
