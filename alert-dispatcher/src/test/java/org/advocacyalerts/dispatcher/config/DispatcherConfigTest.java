package org.advocacyalerts.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.advocacyalerts.local.ConfigDocs;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    @Test
    void theConfigurationGuideNamesEverySettingWithItsDefault() {
        assertThat(ConfigDocs.problems(Path.of("../docs/configuration.md"), DispatcherConfig.class, "dispatcher"))
                .isEmpty();
    }
}
