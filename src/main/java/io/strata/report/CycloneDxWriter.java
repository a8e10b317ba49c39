package io.strata.report;

import io.strata.packages.Ecosystem;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * CycloneDX 1.6 JSON, modelled and serialised by CycloneDX's own library: the image is the root component
 * (type container), each package a library component with its purl, licences and installing layer's diffId as
 * the property {@code strata:layer:diffId}.
 */
public final class CycloneDxWriter {

    private CycloneDxWriter() {
    }

    public static String json(SbomInput in) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);

        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(in.created()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("strata");
        tool.setVersion(in.toolVersion());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);

        SbomInput.Image image = in.image();
        Component root = new Component();
        root.setType(Component.Type.CONTAINER);
        root.setBomRef("image:" + image.configDigest());
        root.setName(image.name());
        root.setVersion(image.version());
        image.manifestDigest().ifPresent(d -> {
            if (d.algorithm().equals("sha256")) root.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, d.hex())));
        });
        List<Property> rootProperties = new ArrayList<>();
        for (Map.Entry<String, String> e : SbomInput.properties(image)) rootProperties.add(property(e.getKey(), e.getValue()));
        root.setProperties(rootProperties);
        metadata.setComponent(root);
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        Dependency rootDependency = new Dependency(root.getBomRef());
        Set<String> refs = new HashSet<>();
        for (SbomInput.Package p : in.packages()) {
            Component c = component(p);
            String ref = p.purl().orElse(p.declared().ecosystem().wire() + ":" + p.declared().name() + "@" + p.declared().version());
            if (!refs.add(ref)) ref = ref + "#" + p.declared().location(); // the same package at two places
            refs.add(ref);
            c.setBomRef(ref);
            components.add(c);
            rootDependency.addDependency(new Dependency(ref));
        }
        bom.setComponents(components);
        bom.setDependencies(List.of(rootDependency));
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        } catch (Exception e) {
            throw new IllegalStateException("CycloneDX serialisation failed: " + e.getMessage(), e);
        }
    }

    private static Component component(SbomInput.Package p) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        String name = p.declared().name();
        Ecosystem e = p.declared().ecosystem();
        int split = e == Ecosystem.JAVA ? name.indexOf(':') : e == Ecosystem.NPM && name.startsWith("@") ? name.indexOf('/') : -1;
        if (split > 0) {
            c.setGroup(name.substring(0, split));
            c.setName(name.substring(split + 1));
        } else {
            c.setName(name);
        }
        c.setVersion(p.declared().version());
        p.purl().ifPresent(c::setPurl);
        licenses(p.declared().licenses()).ifPresent(c::setLicenses);
        List<Property> properties = new ArrayList<>();
        SbomInput.properties(p).forEach((k, v) -> properties.add(property(k, v)));
        c.setProperties(properties);
        return c;
    }

    /** One expression alone when the package declares exactly one valid expression; else each licence by id or name. */
    static Optional<LicenseChoice> licenses(List<String> declared) {
        if (declared.isEmpty()) return Optional.empty();
        LicenseChoice choice = new LicenseChoice();
        if (declared.size() == 1) {
            Optional<String> expression = SbomLicenses.expression(declared.get(0));
            if (expression.isPresent()) {
                choice.setExpression(new Expression(expression.get()));
                return Optional.of(choice);
            }
        }
        for (String text : declared) {
            License license = new License();
            Optional<String> id = SbomLicenses.spdxId(text);
            if (id.isPresent()) license.setId(id.get());
            else license.setName(text.strip());
            choice.addLicense(license);
        }
        return Optional.of(choice);
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
