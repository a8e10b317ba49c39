package io.strata.cli;

import io.strata.model.Finding;
import io.strata.report.SetWriter;
import io.strata.session.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mismatches between layers' claims and their bytes that a run's scans found, in every command's JSON: added
 * to the document's "findings" (which a document without one gains), whatever the command. Standard error has
 * already said each of them as it was found.
 */
final class IntegrityFindings {
    private IntegrityFindings() {
    }

    static Map<String, Object> addTo(Map<String, Object> doc, Workspace... workspaces) {
        List<Finding> found = new ArrayList<>();
        for (Workspace ws : workspaces) found.addAll(ws.integrityFindings());
        return SetWriter.withIntegrity(doc, found);
    }
}
