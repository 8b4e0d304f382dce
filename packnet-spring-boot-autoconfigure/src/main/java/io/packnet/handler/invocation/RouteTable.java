package io.packnet.handler.invocation;

import java.util.Map;

import io.netty.util.collection.IntObjectHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Message type to route, looked up once per frame without boxing: an array indexed by type when
 * every mapped type is below {@value #MAX_ARRAY_SIZE} (1- and 2-byte type fields, and small 4-byte
 * ones), else a primitive-keyed hash map. Unmapped types get the default route, if any.
 *
 * @param <T> the route
 */
public final class RouteTable<T> {

	/** The largest array the table uses; mapped types at or above it switch to a hash map. */
	static final int MAX_ARRAY_SIZE = 65536;

	private final @Nullable Object @Nullable [] byType;

	private final @Nullable IntObjectHashMap<T> byTypeMap;

	private final @Nullable T defaultRoute;

	private final int size;

	private RouteTable(@Nullable Object @Nullable [] byType, @Nullable IntObjectHashMap<T> byTypeMap,
			@Nullable T defaultRoute, int size) {
		this.byType = byType;
		this.byTypeMap = byTypeMap;
		this.defaultRoute = defaultRoute;
		this.size = size;
	}

	/**
	 * Builds a table.
	 * @param <T> the route
	 * @param routes routes by message type (unsigned values in an int)
	 * @param defaultRoute the route for unmapped types, or {@code null}
	 * @return the table
	 */
	public static <T> RouteTable<T> of(Map<Integer, T> routes, @Nullable T defaultRoute) {
		long max = -1;
		for (Integer type : routes.keySet()) {
			max = Math.max(max, Integer.toUnsignedLong(type));
		}
		if (max < MAX_ARRAY_SIZE) {
			Object[] byType = new Object[(int) (max + 1)];
			routes.forEach((type, route) -> byType[type] = route);
			return new RouteTable<>(byType, null, defaultRoute, routes.size());
		}
		IntObjectHashMap<T> byTypeMap = new IntObjectHashMap<>(routes.size() * 2);
		routes.forEach(byTypeMap::put);
		return new RouteTable<>(null, byTypeMap, defaultRoute, routes.size());
	}

	/**
	 * Returns an empty table.
	 * @param <T> the route
	 * @return a table that finds nothing
	 */
	public static <T> RouteTable<T> empty() {
		return new RouteTable<>(new Object[0], null, null, 0);
	}

	/**
	 * Finds the route of a message type.
	 * @param type the type
	 * @return the mapped route, else the default route, else {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable T lookup(int type) {
		Object[] byType = this.byType;
		Object route;
		if (byType != null) {
			route = (type >= 0 && type < byType.length) ? byType[type] : null;
		}
		else {
			route = this.byTypeMap.get(type);
		}
		return (route != null) ? (T) route : this.defaultRoute;
	}

	/**
	 * Tells whether the table uses the array.
	 * @return {@code true} for the array, {@code false} for the hash map
	 */
	boolean isArray() {
		return this.byType != null;
	}

	/**
	 * Returns the number of mapped types, without the default route.
	 * @return the count
	 */
	public int size() {
		return this.size;
	}

}
