package org.advocacyalerts.local;

import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the configuration guide says about the settings of a {@code @ConfigMapping}: tests of each module
 * ask it, so a setting added without a line (and its default) in {@code docs/configuration.md} fails
 * the build.
 */
public final class ConfigDocs {

    private ConfigDocs() {}

    /** Every setting of the mapping, as its environment variable, with its default (or null). */
    public static Map<String, String> settings(Class<?> mapping, String prefix) {
        Map<String, String> settings = new TreeMap<>();
        for (Map.Entry<String, Property> entry : ConfigMappings.getProperties(ConfigClass.configClass(mapping, prefix))
                .entrySet()) {
            Property property = entry.getValue();
            if (property.isGroup() || entry.getKey().contains("*")) {
                continue; // a group's members are listed on their own; [*] repeats a list's key
            }
            settings.put(
                    environmentVariable(entry.getKey()),
                    property.hasDefaultValue() ? property.getDefaultValue() : null);
        }
        return settings;
    }

    /**
     * What the guide gets wrong about the mapping's settings: each must be named (as {@code `VARIABLE`})
     * on a line that also gives its default (as {@code `default`}), if it has one.
     */
    public static List<String> problems(Path guide, Class<?> mapping, String prefix) {
        List<String> lines;
        try {
            lines = Files.readAllLines(guide);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        settings(mapping, prefix).forEach((variable, defaultValue) -> {
            List<String> naming = lines.stream()
                    .filter(line -> line.contains("`" + variable + "`"))
                    .toList();
            if (naming.isEmpty()) {
                problems.add(variable + ": not in the guide");
            } else if (defaultValue != null
                    && naming.stream().noneMatch(line -> line.contains("`" + defaultValue + "`"))) {
                problems.add(variable + ": its default `" + defaultValue + "` is not on its line");
            }
        });
        return problems;
    }

    /** {@code dispatcher.delivery.per-endpoint} → {@code DISPATCHER_DELIVERY_PER_ENDPOINT}. */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
