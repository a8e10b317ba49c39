package io.strata.cli;

import io.strata.session.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true, description = {
        "Prints a shell completion script for bash or zsh.",
        "bash: source <(strata completion bash), or save it as /etc/bash_completion.d/strata.",
        "zsh: source <(strata completion zsh) in ~/.zshrc (the script loads zsh's bashcompinit)."})
public class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() throws Exception {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new UsageException("completion: unknown shell '" + shell + "'; bash or zsh");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(script(out, spec.commandLine().getErr()));
        out.flush();
        return ExitCodes.OK;
    }

    /** picocli's generator writes one script for both shells: under zsh it loads bashcompinit itself. */
    static String script(PrintWriter out, PrintWriter err) {
        CommandLine all = Main.commandLine(out, err);
        return AutoComplete.bash("strata", all);
    }

    /** Build step (`mvn package`): writes strata.bash and strata.zsh into the folder named, for the distribution. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
        PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
        String s = script(sink, sink);
        java.nio.file.Files.writeString(dir.resolve("strata.bash"), s);
        java.nio.file.Files.writeString(dir.resolve("strata.zsh"), s);
    }
}
