package io.strata.packages;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected purls are the examples of the purl spec's PURL-TYPES document (package-url/purl-spec). */
class PurlsTest {

    private static String purl(Ecosystem e, String name, String version, String arch, Purls.Distro distro) {
        return Purls.of(e, name, version, Optional.ofNullable(arch), Optional.ofNullable(distro)).orElseThrow();
    }

    @Test
    void osPackagesCarryArchAndDistro() {
        assertEquals("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=debian-8",
                purl(Ecosystem.DEB, "curl", "7.50.3-1", "i386", new Purls.Distro("debian", Optional.of("8"))));
        assertEquals("pkg:deb/ubuntu/dpkg@1.19.0.4?arch=amd64&distro=ubuntu-18.04",
                purl(Ecosystem.DEB, "dpkg", "1.19.0.4", "amd64", new Purls.Distro("ubuntu", Optional.of("18.04"))));
        assertEquals("pkg:apk/alpine/curl@7.83.0-r0?arch=x86",
                purl(Ecosystem.APK, "curl", "7.83.0-r0", "x86", null));
        assertEquals("pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25",
                purl(Ecosystem.RPM, "curl", "7.50.3-1.fc25", "i386", new Purls.Distro("fedora", Optional.of("25"))));
    }

    @Test
    void rpmEpochBecomesAQualifierAndRedHatIsTheVendor() {
        assertEquals("pkg:rpm/redhat/openssl@1.1.1k-7.el8_6?arch=x86_64&distro=rhel-8.6&epoch=1",
                purl(Ecosystem.RPM, "openssl", "1:1.1.1k-7.el8_6", "x86_64", new Purls.Distro("rhel", Optional.of("8.6"))));
    }

    @Test
    void debianVersionKeepsItsEpochAndIsEncoded() {
        assertEquals("pkg:deb/debian/libc6@1%3A2.36-9%2Bdeb12u4?arch=amd64",
                purl(Ecosystem.DEB, "libc6", "1:2.36-9+deb12u4", "amd64", null));
    }

    @Test
    void languageEcosystems() {
        assertEquals("pkg:npm/%40angular/animation@12.3.1", purl(Ecosystem.NPM, "@angular/animation", "12.3.1", null, null));
        assertEquals("pkg:npm/foobar@12.3.1", purl(Ecosystem.NPM, "foobar", "12.3.1", null, null));
        assertEquals("pkg:pypi/django-allauth@12.23", purl(Ecosystem.PYTHON, "Django_Allauth", "12.23", null, null));
        assertEquals("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1",
                purl(Ecosystem.JAVA, "org.apache.xmlgraphics:batik-anim", "1.9.1", null, null));
        assertEquals("pkg:golang/github.com/gorilla/context@v1.1.1",
                purl(Ecosystem.GO, "github.com/gorilla/context", "v1.1.1", null, null));
        assertEquals("pkg:golang/golang.org/x/sys@v0.1.0", purl(Ecosystem.GO, "golang.org/x/sys", "v0.1.0", null, null));
    }

    @Test
    void noNameNoPurl() {
        assertTrue(Purls.of(Ecosystem.NPM, "", "1", Optional.empty(), Optional.empty()).isEmpty());
        assertTrue(Purls.of(Ecosystem.NPM, "@scope/", "1", Optional.empty(), Optional.empty()).isEmpty());
    }
}
