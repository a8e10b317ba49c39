package io.strata.cli;

import io.strata.model.Finding;
import io.strata.session.Workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * The mismatches between layers' claims and their bytes that a run's scans found, which every command's JSON
 * carries in its "findings" (report.ResultWriter and report.SetWriter add them). Standard error has already said
 * each of them as it was found.
 */
final class IntegrityFindings {
    private IntegrityFindings() {
    }

    static List<Finding> of(Workspace... workspaces) {
        List<Finding> found = new ArrayList<>();
        for (Workspace ws : workspaces) found.addAll(ws.integrityFindings());
        return found;
    }
}
