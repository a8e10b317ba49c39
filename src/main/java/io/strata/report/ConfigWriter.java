package io.strata.report;

import io.strata.archive.ImageEntry;
import io.strata.model.Healthcheck;
import io.strata.model.ImageConfig;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `strata config` output: what a container of the image runs, as whom, where and with what, as text or JSON. */
public final class ConfigWriter implements ResultWriter<ConfigWriter.Config> {
    /** config's result: the chosen image of an archive. */
    public record Config(String archive, ImageEntry image) {
    }

    /** One image's document: which image, then its config fields. */
    @Override
    public Map<String, Object> json(Config result) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("archive", result.archive());
        doc.put("image", result.image().displayName());
        doc.put("configDigest", result.image().configDigest().toString());
        doc.put("config", json(result.image()));
        return doc;
    }

    /** Field per line; lists as JSON arrays (exec form, as docker shows them), maps one entry per line. */
    @Override
    public void text(Config result, PrintWriter out) {
        ImageEntry image = result.image();
        ImageConfig c = image.config();
        TextTable t = new TextTable("Image", image.displayName());
        t.row("Config", image.configDigest().toString());
        t.row("Platform", image.platform().toString());
        t.row("Created", c.created().orElse(""));
        t.row("Author", c.author().orElse(""));
        t.row("User", c.user().orElse("(root)"));
        t.row("WorkingDir", c.workingDir().orElse(""));
        t.row("Entrypoint", words(c.entrypoint()));
        t.row("Cmd", words(c.cmd()));
        lines(t, "Env", c.env());
        t.row("ExposedPorts", String.join(" ", c.exposedPorts()));
        t.row("Volumes", String.join(" ", c.volumes()));
        lines(t, "Labels", c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        t.row("StopSignal", c.stopSignal().orElse(""));
        t.row("Healthcheck", c.healthcheck().map(ConfigWriter::healthcheckText).orElse(""));
        lines(t, "OnBuild", c.onBuild());
        t.row("Shell", words(c.shell()));
        t.print(out);
    }

    /** The config fields users ask about, keyed as in `inspect` JSON and the HTML report. */
    public static Map<String, Object> json(ImageEntry image) {
        ImageConfig c = image.config();
        Map<String, Object> m = JsonOutput.object();
        m.put("platform", image.platform().toString());
        m.put("created", c.created().orElse(null));
        m.put("author", c.author().orElse(null));
        m.put("user", c.user().orElse(null));
        m.put("workingDir", c.workingDir().orElse(null));
        m.put("entrypoint", c.entrypoint());
        m.put("cmd", c.cmd());
        m.put("env", c.env());
        m.put("exposedPorts", List.copyOf(c.exposedPorts()));
        m.put("volumes", List.copyOf(c.volumes()));
        m.put("labels", c.labels());
        m.put("stopSignal", c.stopSignal().orElse(null));
        m.put("healthcheck", c.healthcheck().map(ConfigWriter::healthcheckJson).orElse(null));
        m.put("onBuild", c.onBuild());
        m.put("shell", c.shell());
        return m;
    }

    /** The healthcheck as `config` and `diff` JSON show it: Docker's fields, durations in nanoseconds. */
    static Map<String, Object> healthcheckJson(Healthcheck h) {
        Map<String, Object> x = JsonOutput.object();
        x.put("test", h.test());
        x.put("intervalNanos", h.intervalNanos().orElse(null));
        x.put("timeoutNanos", h.timeoutNanos().orElse(null));
        x.put("startPeriodNanos", h.startPeriodNanos().orElse(null));
        x.put("retries", h.retries().orElse(null));
        return x;
    }

    private static void lines(TextTable t, String field, List<String> values) {
        if (values.isEmpty()) t.row(field, "");
        for (int i = 0; i < values.size(); i++) t.row(i == 0 ? field : "", values.get(i));
    }

    private static String words(List<String> words) {
        return words.isEmpty() ? "" : JsonOutput.toJson(words);
    }

    private static String healthcheckText(Healthcheck h) {
        StringBuilder sb = new StringBuilder(words(h.test()));
        duration(sb, "interval", h.intervalNanos());
        duration(sb, "timeout", h.timeoutNanos());
        duration(sb, "start-period", h.startPeriodNanos());
        h.retries().ifPresent(r -> sb.append(" retries=").append(r));
        return sb.toString();
    }

    private static void duration(StringBuilder sb, String name, Optional<Long> nanos) {
        nanos.ifPresent(n -> sb.append(' ').append(name).append('=')
                .append(Duration.ofNanos(n).toString().substring(2).toLowerCase()));
    }
}
