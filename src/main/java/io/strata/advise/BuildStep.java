package io.strata.advise;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A history step's created_by read as a Dockerfile instruction. Understands the docker legacy builder and
 * buildah ({@code /bin/sh -c #(nop) COPY dir:HASH in /app}, {@code /bin/sh -c CMD}), BuildKit
 * ({@code RUN /bin/sh -c CMD # buildkit}, {@code COPY . . # buildkit}) and plain instructions (kaniko).
 * Anything else (umoci, free text) is {@link Kind#OTHER}, with the text kept as the command.
 */
public record BuildStep(Kind kind, String command, String copySource, String copyDest) {

    public enum Kind { RUN, COPY, ADD, NOP, OTHER }

    private static final Pattern LEGACY_COPY = Pattern.compile(
            "((?:dir|file|multi):[0-9a-f]+)\\s+in\\s+(\\S+)");
    private static final Pattern BUILDKIT_ARGS = Pattern.compile("^\\|\\d+\\s+(?:\\S+=\\S*\\s+)*");

    public static BuildStep parse(String createdBy) {
        String s = createdBy.strip();
        boolean buildkit = s.endsWith("# buildkit");
        if (buildkit) s = s.substring(0, s.length() - "# buildkit".length()).strip();
        if (s.startsWith("/bin/sh -c #(nop)")) {
            String instr = s.substring("/bin/sh -c #(nop)".length()).strip();
            return fromInstruction(instr, true);
        }
        if (s.startsWith("RUN ")) return run(s.substring(4));
        if (s.startsWith("|")) return run(s);
        if (s.startsWith("/bin/sh -c ")) return run(s);
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("COPY ") || upper.startsWith("ADD ")) return fromInstruction(s, false);
        for (String nop : new String[]{"ENV ", "LABEL ", "CMD ", "ENTRYPOINT ", "WORKDIR ", "USER ", "EXPOSE ",
                "ARG ", "VOLUME ", "HEALTHCHECK ", "SHELL ", "STOPSIGNAL ", "ONBUILD ", "MAINTAINER "}) {
            if (upper.startsWith(nop)) return new BuildStep(Kind.NOP, s, "", "");
        }
        return new BuildStep(Kind.OTHER, s, "", "");
    }

    private static BuildStep run(String s) {
        String cmd = BUILDKIT_ARGS.matcher(s).replaceFirst("");
        if (cmd.startsWith("/bin/sh -c ")) cmd = cmd.substring("/bin/sh -c ".length());
        return new BuildStep(Kind.RUN, cmd.strip(), "", "");
    }

    private static BuildStep fromInstruction(String instr, boolean legacy) {
        String upper = instr.toUpperCase(Locale.ROOT);
        Kind kind = upper.startsWith("COPY") ? Kind.COPY : upper.startsWith("ADD") ? Kind.ADD : Kind.NOP;
        if (kind == Kind.NOP) return new BuildStep(Kind.NOP, instr, "", "");
        Matcher m = LEGACY_COPY.matcher(instr);
        if (legacy && m.find()) return new BuildStep(kind, instr, m.group(1), m.group(2));
        // plain form: COPY [--flags] SRC... DEST
        String[] words = instr.split("\\s+");
        String src = "";
        String dest = words.length > 1 ? words[words.length - 1] : "";
        for (int i = 1; i < words.length - 1; i++) {
            if (words[i].startsWith("--")) continue;
            src = src.isEmpty() ? words[i] : src + " " + words[i];
        }
        return new BuildStep(kind, instr, src, dest);
    }

    public boolean isCopy() {
        return kind == Kind.COPY || kind == Kind.ADD;
    }

    /** A COPY/ADD of a whole folder: {@code .} / {@code ./} (plain form) or {@code dir:} (legacy form). */
    public boolean copiesDirectory() {
        if (!isCopy()) return false;
        return copySource.equals(".") || copySource.equals("./") || copySource.startsWith("dir:");
    }

    /** The plain form names the context root itself ({@code COPY . .}): certainly the whole context. */
    public boolean copiesContextRoot() {
        return isCopy() && (copySource.equals(".") || copySource.equals("./"));
    }

    /** The instruction as a Dockerfile line would read, for display: "RUN apt-get ...", "COPY dir:… in /app". */
    public String display() {
        return switch (kind) {
            case RUN -> "RUN " + command;
            case OTHER -> command;
            default -> command;
        };
    }
}
