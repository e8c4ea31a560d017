package org.advocacyalerts.local;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether the environment variables a manifest sets are settings a service reads: a typo
 * ({@code KAFKA_SASL_MECANISM}) is otherwise ignored in silence and found in production.
 */
public final class EnvironmentSettings {

    private final List<Pattern> known = new ArrayList<>();

    private EnvironmentSettings() {}

    /**
     * The settings of these {@code @ConfigMapping}s (class and prefix, alternately: the service's own and
     * the Quarkus extensions' runtime configuration), and the given property names.
     */
    public static EnvironmentSettings of(Collection<String> propertyNames, Object... mappingsAndPrefixes) {
        EnvironmentSettings settings = new EnvironmentSettings();
        for (String name : propertyNames) {
            settings.known.add(Pattern.compile(Pattern.quote(environmentVariable(name))));
        }
        for (int i = 0; i < mappingsAndPrefixes.length; i += 2) {
            Class<?> mapping = (Class<?>) mappingsAndPrefixes[i];
            String prefix = (String) mappingsAndPrefixes[i + 1];
            for (String key : ConfigMappings.getProperties(ConfigClass.configClass(mapping, prefix))
                    .keySet()) {
                // A map's key ("*": a named datasource or mailer) is any one word of the variable.
                String variable = environmentVariable(key.replace("*", "NAME"));
                settings.known.add(Pattern.compile(Pattern.quote(variable).replace("NAME", "\\E[A-Z0-9]+\\Q")));
                if (key.contains(".*.")) { // the default one: the key without its name
                    settings.known.add(Pattern.compile(Pattern.quote(environmentVariable(key.replace(".*.", ".")))));
                }
            }
        }
        return settings;
    }

    /**
     * The settings of the running service (in a {@code @QuarkusTest}): every property it has, and those of
     * the given mappings (class and prefix, alternately).
     */
    public static EnvironmentSettings ofRunningService(Object... mappingsAndPrefixes) {
        List<String> names = new ArrayList<>();
        ConfigProvider.getConfig().getPropertyNames().forEach(names::add);
        return of(names, mappingsAndPrefixes);
    }

    /** The variables a {@code config.env} (a ConfigMap's environment) sets. */
    public static List<String> configMapKeys(Path configEnv) {
        try {
            return Files.readAllLines(configEnv).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.substring(0, line.indexOf('=')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables among {@code names} that no setting reads; Kafka's are checked against the client's own. */
    public Set<String> unknown(Collection<String> names) {
        Set<String> unknown = new TreeSet<>();
        Set<String> kafka = new TreeSet<>(ProducerConfig.configNames());
        kafka.addAll(ConsumerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());
        for (String name : names) {
            boolean read = name.startsWith("KAFKA_")
                    ? kafka.contains(name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.'))
                    : known.stream().anyMatch(p -> p.matcher(name).matches());
            if (!read) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
