package storygraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Development/test Neo4j for storygraph, driven by scripts/neo4j.
 *
 * <pre>
 *   Neo4jLauncher serve  DATA_DIR PORT          embedded DBMS, Bolt on 127.0.0.1:PORT, until SIGTERM
 *   Neo4jLauncher import DATA_DIR ARGS...       neo4j-admin "database import full ARGS..." into DATA_DIR
 * </pre>
 *
 * DATA_DIR is both Neo4j's home and its data directory, so everything Neo4j
 * writes (databases/, transactions/, logs/) stays under it, and the importer
 * and the server agree on where the "neo4j" database lives.
 *
 * Optional: -Dstorygraph.neo4j.conf=FILE, a neo4j.conf-style file whose
 * settings override the defaults below (e.g. dbms.security.auth_enabled=true,
 * server.memory.pagecache.size=512m).
 */
public final class Neo4jLauncher {

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) {
            serve(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
        } else if (args.length >= 2 && args[0].equals("import")) {
            System.exit(importFull(Path.of(args[1]).toAbsolutePath(),
                    Arrays.copyOfRange(args, 2, args.length)));
        } else {
            System.err.println("usage: Neo4jLauncher serve DATA_DIR PORT | import DATA_DIR ARGS...");
            System.exit(2);
        }
    }

    private static void serve(Path dataDir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        var builder = new DatabaseManagementServiceBuilder(dataDir)
                // The user log (startup, shutdown, errors) goes to stdout, which the
                // script sends to neo4j.log; debug.log still lands in DATA_DIR/logs.
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .setConfig(GraphDatabaseSettings.data_directory, dataDir)
                .setConfig(BoltConnector.enabled, true)
                // Loopback only: this is an unauthenticated dev server.
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Defaults size the page cache from machine RAM (GBs); tests need MBs.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                // Otherwise each database preallocates a 256 MiB transaction log.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No phoning home from dev machines or CI (and no network there anyway).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Netty waits a 5 s "quiet period" per Bolt event loop group on shutdown
                // (10 s in total); with nothing to drain that is pure wait for tests.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        String conf = System.getProperty("storygraph.neo4j.conf");
        if (conf != null && !conf.isEmpty()) {
            builder.loadPropertiesFromFile(Path.of(conf));
        }

        DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (RuntimeException e) {
            // e.g. port taken or store locked: exit now rather than leave Neo4j's
            // non-daemon threads keeping a half-started JVM alive.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // A database that fails to start (e.g. store left broken by a failed import)
        // does not fail build(); Bolt would then answer while every query fails.
        // Fail loudly instead, so `scripts/neo4j start` reports it.
        String problem = awaitDatabasesOnline(dbms);
        if (problem != null) {
            System.out.println("storygraph-neo4j: " + problem + "; see " + dataDir.resolve("logs/debug.log"));
            dbms.shutdown();
            System.exit(1);
        }
        // SIGTERM/SIGINT run shutdown hooks; shutting down here flushes the page
        // cache and checkpoints, so the next start needs no recovery.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("storygraph-neo4j: shutting down");
            dbms.shutdown();
            System.out.println("storygraph-neo4j: stopped");
            stopped.countDown();
        }, "storygraph-neo4j-shutdown"));
        System.out.println("storygraph-neo4j: ready bolt://127.0.0.1:" + port + " data=" + dataDir);
        // Neo4j's own threads would keep the JVM alive too, but waiting here makes
        // "stays up until killed" explicit rather than an implementation detail.
        stopped.await();
    }

    /**
     * Waits until every database meant to be online is online; returns why not
     * otherwise. SHOW DATABASES is used rather than GraphDatabaseService.isAvailable
     * because it tells "still starting" (wait) from "failed" (give up at once).
     */
    private static String awaitDatabasesOnline(DatabaseManagementService dbms) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String waitingFor = null;
        while (System.nanoTime() < deadline) {
            waitingFor = null;
            for (Map<String, Object> row : dbms.database("system").executeTransactionally(
                    "SHOW DATABASES YIELD name, requestedStatus, currentStatus, statusMessage",
                    Map.of(), result -> result.stream().toList())) {
                if (!"online".equals(row.get("requestedStatus")) || "online".equals(row.get("currentStatus"))) {
                    continue;
                }
                String message = String.valueOf(row.get("statusMessage"));
                if (!message.isBlank()) {
                    return "database '" + row.get("name") + "' failed to start: " + message;
                }
                waitingFor = "database '" + row.get("name") + "' still " + row.get("currentStatus");
            }
            if (waitingFor == null) {
                return null;
            }
            Thread.sleep(200);
        }
        return waitingFor + " after 120 s";
    }

    /**
     * Runs the same code as `neo4j-admin database import full` (the AdminTool
     * CLI ships in org.neo4j:neo4j-command-line, the importer in
     * org.neo4j:neo4j-import-tool, both already on our classpath).
     */
    private static int importFull(Path dataDir, String[] importArgs) throws IOException {
        Files.createDirectories(dataDir);
        // The admin CLI reads its settings from CONF_DIR/neo4j.conf, not from
        // arguments; point it at the same data directory the server uses.
        Path confDir = Files.createTempDirectory("storygraph-neo4j-conf");
        Path confFile = confDir.resolve("neo4j.conf");
        List<String> lines = new ArrayList<>();
        lines.add(GraphDatabaseSettings.data_directory.name() + "=" + dataDir);
        lines.add(GraphDatabaseSettings.logs_directory.name() + "=" + dataDir.resolve("logs"));
        String conf = System.getProperty("storygraph.neo4j.conf");
        if (conf != null && !conf.isEmpty()) {
            lines.addAll(Files.readAllLines(Path.of(conf), StandardCharsets.UTF_8));
        }
        Files.write(confFile, lines, StandardCharsets.UTF_8);
        try {
            List<String> cli = new ArrayList<>(List.of("database", "import", "full"));
            cli.addAll(Arrays.asList(importArgs));
            return AdminTool.execute(new ExecutionContext(dataDir, confDir), cli.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(confFile);
            Files.deleteIfExists(confDir);
        }
    }
}
