package im.magpie.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A local server JVM's own counters, read over JMX: the bytes all its threads have allocated (the
 * HotSpot counter behind {@code ThreadMXBean.getTotalThreadAllocatedBytes}, which keeps the share
 * of threads that have ended) and its collector's pauses, one notification each. Reached through
 * the attach API, which starts the JDK's local management agent in the server if it is not running
 * (a local-only connector: no port, no password; the same user only).
 *
 * <p>Limits: a JDK 17 G1 reports its young and mixed pauses ("G1 Young Generation") and full
 * collections ("G1 Old Generation") this way, not its remark and cleanup pauses (JDK 20 adds
 * them); durations are whole milliseconds. The GC log ({@code -Xlog:gc}) has them all.
 */
final class ServerJvm implements AutoCloseable {
    private static final ObjectName THREADING = name(ManagementFactory.THREAD_MXBEAN_NAME);
    private static final ObjectName RUNTIME = name(ManagementFactory.RUNTIME_MXBEAN_NAME);
    private static final ObjectName COLLECTORS = name(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*");

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final List<GcPauses.Pause> pauses = new ArrayList<>(); // guarded by itself
    private final NotificationListener listener = this::collected;
    private final Set<ObjectName> collectors;

    private ServerJvm(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.collectors = server.queryNames(COLLECTORS, null);
        for (ObjectName gc : collectors) {
            try {
                server.addNotificationListener(gc, listener, null, null);
            } catch (InstanceNotFoundException e) {
                throw new IOException(e);
            }
        }
    }

    /** Attaches to the JVM with this pid (on this machine, of this user). */
    static ServerJvm attach(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
        return new ServerJvm(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    /** The counters now. */
    Counters counters() throws IOException {
        try {
            long allocated = (Long) server.getAttribute(THREADING, "TotalThreadAllocatedBytes");
            long uptime = (Long) server.getAttribute(RUNTIME, "Uptime");
            return new Counters(allocated, uptime);
        } catch (javax.management.JMException e) {
            throw new IOException(e);
        }
    }

    /** The pauses that started between these two readings of the server's uptime. */
    GcPauses pausesBetween(Counters from, Counters to) {
        synchronized (pauses) {
            return GcPauses.between(pauses, from.uptimeMs(), to.uptimeMs());
        }
    }

    private void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // G1's concurrent cycle (JDK 20+, "G1 Concurrent GC") runs beside the program: not a pause.
        if (info.getGcName().contains("Concurrent")) return;
        synchronized (pauses) {
            pauses.add(new GcPauses.Pause(info.getGcInfo().getStartTime(), info.getGcInfo().getDuration()));
        }
    }

    /** What the server has allocated since it started, and its uptime then. */
    record Counters(long allocatedBytes, long uptimeMs) {}

    @Override
    public void close() {
        for (ObjectName gc : collectors) {
            try {
                server.removeNotificationListener(gc, listener);
            } catch (Exception e) {
                // the server may be gone already
            }
        }
        try {
            connector.close();
        } catch (IOException e) {
            // the server may be gone already
        }
    }

    private static ObjectName name(String s) {
        try {
            return new ObjectName(s);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
