package io.packnet.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How server JVMs are launched: the harness's own java binary and classpath, plus the same JVM flags
 * for every server. Inside Maven (surefire) the classpath comes from {@code target/classpath.txt}
 * (written by maven-dependency-plugin) and {@code target/classes}; otherwise from {@code java.class.path}.
 *
 * @param jvmArgs flags for every server JVM, e.g. {@code -Xms1g -Xmx1g}
 */
public record ChildJvm(List<String> jvmArgs) {

	/** System property naming the file with the runtime dependency classpath. */
	public static final String CLASSPATH_FILE_PROPERTY = "packnet.benchmarks.classpath-file";

	/** System property naming the module's compiled classes directory. */
	public static final String CLASSES_DIR_PROPERTY = "packnet.benchmarks.classes-dir";

	public ChildJvm {
		jvmArgs = List.copyOf(Objects.requireNonNull(jvmArgs, "jvmArgs"));
	}

	/** Fixed heap of {@code heap} (e.g. {@code 1g}) plus {@code extraArgs}. */
	public static ChildJvm withHeap(String heap, String... extraArgs) {
		Objects.requireNonNull(heap, "heap");
		List<String> args = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
		args.addAll(List.of(extraArgs));
		return new ChildJvm(args);
	}

	/** The full command line for {@code mainClass} with {@code args}. */
	List<String> command(String mainClass, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(classpath());
		command.add(mainClass);
		command.addAll(args);
		return command;
	}

	static String classpath() {
		String classpathFile = System.getProperty(CLASSPATH_FILE_PROPERTY);
		String classesDir = System.getProperty(CLASSES_DIR_PROPERTY);
		if (classpathFile == null || classesDir == null) {
			return System.getProperty("java.class.path");
		}
		try {
			String dependencies = Files.readString(Path.of(classpathFile), StandardCharsets.UTF_8).trim();
			return classesDir + java.io.File.pathSeparator + dependencies;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the classpath file " + classpathFile, ex);
		}
	}

}
