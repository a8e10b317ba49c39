package io.strata.packages;

import io.strata.model.Finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why dnf (4) installed each rpm, from its history database: the reason of the last transaction item that left the
 * package installed. Dependency and weak dependency mean pulled in (apt's "auto"); user and group mean asked for.
 * dnf writes the database in WAL mode and its last transactions often sit in {@code history.sqlite-wal} only, so
 * both files go to a private temporary folder and SQLite reads them together.
 */
final class DnfHistory {
    static final String DATABASE = "/var/lib/dnf/history.sqlite";
    static final String WAL = DATABASE + "-wal";

    private static final int REASON_DEPENDENCY = 1;
    private static final int REASON_USER = 2;
    private static final int REASON_WEAK_DEPENDENCY = 4;
    private static final int REASON_GROUP = 5;
    /** libdnf's TransactionItemAction: the items that leave a package out, or an older version out */
    private static final String OUTGOING_ACTIONS = "3, 5, 7, 8, 10"; // downgraded, obsoleted, upgraded, remove, reinstalled
    private static final int STATE_DONE = 1;
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DnfHistory() {
    }

    static boolean captures(String path) {
        return path.equals(DATABASE) || path.equals(WAL);
    }

    /** Package name to "pulled in" (true) or "asked for" (false); names dnf never recorded are absent. */
    static Map<String, Boolean> auto(PackageFiles files, List<Finding> findings) {
        Optional<byte[]> db = files.read(DATABASE);
        if (db.isEmpty()) return Map.of();
        if (db.get().length < 100 || !java.util.Arrays.equals(db.get(), 0, 16, SQLITE_MAGIC, 0, 16)) {
            findings.add(Finding.warning("package-db-corrupt", DATABASE + ": not an SQLite database").atPath(DATABASE));
            return Map.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("strata-dnf-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path copy = dir.resolve("history.sqlite");
            Files.write(copy, db.get());
            Optional<byte[]> wal = files.read(WAL);
            if (wal.isPresent()) Files.write(dir.resolve("history.sqlite-wal"), wal.get());
            Map<String, Boolean> out = new HashMap<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement st = c.createStatement()) {
                st.setQueryTimeout(30);
                try (ResultSet rs = st.executeQuery("SELECT rpm.name, ti.reason FROM trans_item ti "
                        + "JOIN rpm ON rpm.item_id = ti.item_id WHERE ti.state = " + STATE_DONE
                        + " AND ti.action NOT IN (" + OUTGOING_ACTIONS + ") ORDER BY ti.trans_id, ti.id")) {
                    while (rs.next()) {
                        int reason = rs.getInt(2);
                        if (reason == REASON_DEPENDENCY || reason == REASON_WEAK_DEPENDENCY) out.put(rs.getString(1), true);
                        else if (reason == REASON_USER || reason == REASON_GROUP) out.put(rs.getString(1), false);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            findings.add(Finding.warning("package-db-corrupt", DATABASE + ": SQLite: " + m.lines().findFirst().orElse(m))
                    .atPath(DATABASE));
            return Map.of();
        } catch (IOException | UnsupportedOperationException e) {
            findings.add(Finding.warning("package-db-corrupt", DATABASE + ": cannot write the temporary copy SQLite needs: "
                    + e.getMessage()).atPath(DATABASE));
            return Map.of();
        } finally {
            if (dir != null) delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a private folder in the system's temporary folder
        }
    }
}
