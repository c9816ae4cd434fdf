package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartTitleTest {

    @Test
    void the_chart_title_names_the_scenario_and_its_size_but_not_every_setting() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("target", "127.0.0.1:7878");
        settings.put("warmupSeconds", 5.0);
        settings.put("idle", 8000);
        settings.put("pairs", 1000);

        assertThat(Runner.chartTitle("direct", settings)).isEqualTo("magpie bench direct, pairs=1000, idle=8000");
    }
}
