package org.advocacyalerts.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.advocacyalerts.api.access.AccessConfig;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.local.ConfigDocs;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    private static final Path GUIDE = Path.of("../docs/configuration.md");

    @Test
    void theConfigurationGuideNamesEverySettingWithItsDefault() {
        assertThat(ConfigDocs.problems(GUIDE, IngestConfig.class, "ingest")).isEmpty();
    }

    @Test
    void theConfigurationGuideNamesEveryAccessAndLimitSettingWithItsDefault() {
        assertThat(ConfigDocs.problems(GUIDE, AccessConfig.class, "alerts.access"))
                .isEmpty();
        assertThat(ConfigDocs.problems(GUIDE, LimitsConfig.class, "alerts.limits"))
                .isEmpty();
    }
}
