package io.packnet.benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A plain-text table with a title, right-aligned columns sized to their widest cell. */
final class ResultTable {

	private final String title;

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	ResultTable(String title, String... headers) {
		this.title = Objects.requireNonNull(title, "title");
		this.headers = List.of(headers);
	}

	/** The header row made of several parts, e.g. key columns, measurement columns and a ratio. */
	@SafeVarargs
	static String[] headers(List<String>... parts) {
		return Arrays.stream(parts).flatMap(List::stream).toArray(String[]::new);
	}

	/** Adds a row made of several parts, in the order of {@link #headers(List...)}. */
	void addRow(List<?> first, List<?> second, List<?> third) {
		List<Object> cells = new ArrayList<>(first);
		cells.addAll(second);
		cells.addAll(third);
		addRow(cells.toArray());
	}

	void addRow(Object... cells) {
		if (cells.length != headers.size()) {
			throw new IllegalArgumentException("Expected " + headers.size() + " cells, got " + cells.length);
		}
		rows.add(Arrays.stream(cells).map(String::valueOf).toList());
	}

	void print(PrintStream out) {
		int[] widths = new int[headers.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = headers.get(i).length();
			for (List<String> row : rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		out.println();
		out.println(title);
		out.println(format(headers, widths));
		StringBuilder rule = new StringBuilder();
		for (int width : widths) {
			rule.append("-".repeat(width)).append("  ");
		}
		out.println(rule.toString().stripTrailing());
		rows.forEach(row -> out.println(format(row, widths)));
		out.flush();
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	static String decimal(double value) {
		return String.format(Locale.ROOT, "%,.1f", value);
	}

	static String ratio(double value, double baseline) {
		return (baseline > 0) ? String.format(Locale.ROOT, "%.2f", value / baseline) : "n/a";
	}

	private static String format(List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			line.append((i == 0) ? String.format("%-" + widths[i] + "s", cell) : String.format("%" + widths[i] + "s", cell))
				.append("  ");
		}
		return line.toString().stripTrailing();
	}

}
