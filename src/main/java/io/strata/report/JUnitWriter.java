package io.strata.report;

import io.strata.analysis.ci.GateResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * `strata ci --format junit`: JUnit XML as CI systems read it, valid against Apache Ant's JUnit schema (the one
 * Jenkins and most readers accept): one testsuite per image, one testcase per gate, a failed gate a
 * {@code <failure>}, a disabled one {@code <skipped>}. Gates take no time of their own: time is 0.
 */
public final class JUnitWriter {
    private JUnitWriter() {
    }

    /** One image's gates. */
    public record Suite(String archive, String image, List<GateResult> gates) {
    }

    public static void write(List<Suite> suites, PrintWriter out) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            String timestamp = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("localhost");
            int id = 0;
            for (Suite s : suites) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", s.archive() + " " + s.image());
                x.writeAttribute("timestamp", timestamp);
                x.writeAttribute("hostname", host);
                x.writeAttribute("tests", Integer.toString(s.gates().size()));
                x.writeAttribute("failures", Long.toString(count(s, GateResult.Status.FAIL)));
                x.writeAttribute("errors", "0");
                x.writeAttribute("skipped", Long.toString(count(s, GateResult.Status.SKIP)));
                x.writeAttribute("time", "0");
                x.writeAttribute("package", "strata.ci");
                x.writeAttribute("id", Integer.toString(id++));
                x.writeCharacters("\n    ");
                x.writeEmptyElement("properties");
                for (GateResult g : s.gates()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("name", g.name());
                    x.writeAttribute("classname", "strata.ci." + s.image());
                    x.writeAttribute("time", "0");
                    if (g.status() == GateResult.Status.FAIL) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", g.message());
                        x.writeAttribute("type", g.name());
                        x.writeCharacters(CiWriter.detail(g) + (g.offenders().isEmpty() ? ""
                                : "\n" + String.join("\n", g.offenders())));
                        x.writeEndElement();
                    } else if (g.status() == GateResult.Status.SKIP) {
                        x.writeStartElement("skipped");
                        x.writeAttribute("message", "rule disabled");
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n    ");
                x.writeEmptyElement("system-out");
                x.writeCharacters("\n    ");
                x.writeEmptyElement("system-err");
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static long count(Suite s, GateResult.Status status) {
        return s.gates().stream().filter(g -> g.status() == status).count();
    }
}
