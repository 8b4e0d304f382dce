package io.packnet.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's property table in step with the configuration metadata the build generates
 * from the properties' javadoc: every property is listed, with its default.
 */
class ReadmePropertiesTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(packnet\\.[a-z0-9.-]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

	@Test
	void everyPropertyShouldBeInTheReadmeTableWithItsDefault() throws IOException {
		Map<String, String> readme = readmeTable();
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata on the classpath").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		int checked = 0;
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (!name.startsWith("packnet.")) {
				continue;
			}
			assertThat(property.has("description")).as(name + " has a description (javadoc)").isTrue();
			assertThat(readme).as("README property table lists " + name).containsKey(name);
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null && !defaultValue.isNull()) {
				String expected = defaultValue.isArray() ? defaultValue.toString() : defaultValue.asString();
				assertThat(readme.get(name)).as("README default of " + name).isEqualToIgnoringCase("`" + expected + "`");
			}
			checked++;
		}
		assertThat(checked).isGreaterThan(20);
		assertThat(readme.keySet()).allSatisfy((name) -> assertThat(metadata.toString()).contains("\"" + name + "\""));
	}

	private static Map<String, String> readmeTable() throws IOException {
		Path readme = Path.of("..", "README.md");
		String text = Files.readString(readme);
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher matcher = ROW.matcher(text);
		while (matcher.find()) {
			rows.put(matcher.group(1), matcher.group(2).trim());
		}
		return rows;
	}

}
