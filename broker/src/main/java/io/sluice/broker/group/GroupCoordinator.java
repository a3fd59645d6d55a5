package io.sluice.broker.group;

import io.sluice.broker.group.ClassicGroup.State;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic consumer-group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) as Kafka's
 * group coordinator runs it: members join, the coordinator waits until every known member has
 * rejoined (or the rebalance timeout passes), bumps the generation, elects a leader and hands
 * it the members' subscriptions; the leader's SyncGroup carries everyone's assignment. Members
 * that stop heartbeating for their session timeout are removed and the group rebalances.
 * Generation ids fence stale members; static members ({@code group.instance.id}) keep their
 * place across restarts within the session timeout.
 *
 * <p>Thread-safety: one lock (this object) guards every group; a single timer thread expires
 * sessions and rebalance deadlines. Futures are completed under the lock; their callbacks only
 * hand the response to the connection's event loop.
 */
public final class GroupCoordinator implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

    /** Kafka's group.min.session.timeout.ms and group.max.session.timeout.ms defaults. */
    static final int MIN_SESSION_TIMEOUT_MS = 6000;
    static final int MAX_SESSION_TIMEOUT_MS = 1_800_000;

    private final Map<String, ClassicGroup> groups = new HashMap<>();
    private final int initialRebalanceDelayMs;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;

    /**
     * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}: how long the first
     *                                rebalance of an empty group waits for more members
     */
    public GroupCoordinator(int initialRebalanceDelayMs) {
        this.initialRebalanceDelayMs = initialRebalanceDelayMs;
        this.clock = System::currentTimeMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-coordinator-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::expire, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** What a JoinGroup asks. */
    public record JoinRequest(String groupId, String memberId, String instanceId, String clientId, String clientHost,
                              int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                              List<Protocol> protocols, boolean requireKnownMemberId) {
    }

    /** A protocol a member supports, with its metadata (for consumers: the subscription). */
    public record Protocol(String name, byte[] metadata) {
    }

    public synchronized CompletableFuture<JoinGroupResponseData> join(JoinRequest r) {
        if (r.groupId() == null || r.groupId().isEmpty()) {
            return joinError(Errors.INVALID_GROUP_ID, r.memberId());
        }
        if (r.sessionTimeoutMs() < MIN_SESSION_TIMEOUT_MS || r.sessionTimeoutMs() > MAX_SESSION_TIMEOUT_MS) {
            return joinError(Errors.INVALID_SESSION_TIMEOUT, r.memberId());
        }
        ClassicGroup g = groups.computeIfAbsent(r.groupId(), ClassicGroup::new);
        if (g.state == State.DEAD) {
            return joinError(Errors.COORDINATOR_NOT_AVAILABLE, r.memberId());
        }
        if (!g.supportsProtocols(r.protocolType(), r.protocols())) {
            return joinError(Errors.INCONSISTENT_GROUP_PROTOCOL, r.memberId());
        }
        long now = clock.getAsLong();
        if (r.memberId() == null || r.memberId().isEmpty()) {
            return joinUnknown(g, r, now);
        }
        Member m = g.members.get(r.memberId());
        if (m == null && g.pendingMembers.remove(r.memberId()) != null) {
            m = addMember(g, r.memberId(), r, now);
            return park(g, m, now);
        }
        if (m == null) {
            return joinError(Errors.UNKNOWN_MEMBER_ID, r.memberId());
        }
        if (r.instanceId() != null && !r.instanceId().equals(m.instanceId)) {
            return joinError(Errors.FENCED_INSTANCE_ID, r.memberId());
        }
        boolean changed = !m.sameProtocols(r.protocols());
        update(m, r, now);
        switch (g.state) {
            case PREPARING_REBALANCE:
                return park(g, m, now);
            case COMPLETING_REBALANCE:
            case STABLE:
                if (changed || (g.state == State.STABLE && m.memberId.equals(g.leaderId))) {
                    return park(g, m, now);
                }
                return CompletableFuture.completedFuture(joinResponse(g, m));
            default:
                return joinError(Errors.UNKNOWN_MEMBER_ID, r.memberId());
        }
    }

    private CompletableFuture<JoinGroupResponseData> joinUnknown(ClassicGroup g, JoinRequest r, long now) {
        String newId = (r.clientId() == null ? "" : r.clientId()) + "-" + UUID.randomUUID();
        if (r.instanceId() != null) {
            String oldId = g.staticMembers.get(r.instanceId());
            Member old = oldId == null ? null : g.members.get(oldId);
            if (old != null) {
                // a static member restarted: it takes over the old member's place and assignment
                Member m = addMember(g, newId, r, now);
                m.assignment = old.assignment;
                g.members.remove(oldId);
                fence(old);
                if (oldId.equals(g.leaderId)) {
                    g.leaderId = newId;
                }
                // as Kafka: no rebalance while the group would still pick the same protocol; the
                // member's new metadata (e.g. no owned partitions after a restart) does not matter
                if (g.state == State.STABLE && g.protocolName != null && g.protocolName.equals(g.selectProtocol())) {
                    return CompletableFuture.completedFuture(joinResponse(g, m).setSkipAssignment(true));
                }
                return park(g, m, now);
            }
            Member m = addMember(g, newId, r, now);
            return park(g, m, now);
        }
        if (r.requireKnownMemberId()) {
            // KIP-394: hand out the id first, so a member that times out in JoinGroup rejoins as itself
            g.pendingMembers.put(newId, now + r.sessionTimeoutMs());
            return CompletableFuture.completedFuture(new JoinGroupResponseData()
                    .setErrorCode(Errors.MEMBER_ID_REQUIRED.code()).setMemberId(newId).setGenerationId(-1)
                    .setLeader("").setProtocolName(null));
        }
        Member m = addMember(g, newId, r, now);
        return park(g, m, now);
    }

    private Member addMember(ClassicGroup g, String memberId, JoinRequest r, long now) {
        Member m = new Member(memberId, r.instanceId(), r.clientId(), r.clientHost());
        update(m, r, now);
        if (g.members.isEmpty()) {
            g.protocolType = r.protocolType();
        }
        g.members.put(memberId, m);
        if (r.instanceId() != null) {
            g.staticMembers.put(r.instanceId(), memberId);
        }
        if (g.leaderId == null) {
            g.leaderId = memberId;
        }
        return m;
    }

    private static void update(Member m, JoinRequest r, long now) {
        m.sessionTimeoutMs = r.sessionTimeoutMs();
        m.rebalanceTimeoutMs = r.rebalanceTimeoutMs() <= 0 ? r.sessionTimeoutMs() : r.rebalanceTimeoutMs();
        m.protocolType = r.protocolType();
        m.protocols = List.copyOf(r.protocols());
        m.lastHeartbeatMs = now;
    }

    /** The member waits in its JoinGroup until the rebalance completes. */
    private CompletableFuture<JoinGroupResponseData> park(ClassicGroup g, Member m, long now) {
        if (m.awaitingJoin != null) {
            // a retried JoinGroup replaces the one whose connection gave up on it
            m.awaitingJoin.complete(joinErrorData(Errors.UNKNOWN_MEMBER_ID, m.memberId));
        }
        m.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> f = m.awaitingJoin;
        if (g.state != State.PREPARING_REBALANCE) {
            prepareRebalance(g, now, "member " + m.memberId + " joined");
        }
        maybeCompleteJoin(g);
        return f;
    }

    private void prepareRebalance(ClassicGroup g, long now, String reason) {
        if (g.state == State.COMPLETING_REBALANCE) {
            for (Member m : g.members.values()) {
                m.assignment = new byte[0];
                if (m.awaitingSync != null) {
                    m.awaitingSync.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
                    m.awaitingSync = null;
                }
            }
        }
        boolean first = g.state == State.EMPTY;
        g.state = State.PREPARING_REBALANCE;
        // an empty group's first rebalance waits group.initial.rebalance.delay.ms for more members
        g.joinNotBeforeMs = first ? now + initialRebalanceDelayMs : now;
        g.rebalanceDeadlineMs = now + Math.max(first ? initialRebalanceDelayMs : 0, g.rebalanceTimeoutMs());
        LOG.info("group {} rebalancing (generation {}): {}", g.groupId, g.generation, reason);
    }

    private void maybeCompleteJoin(ClassicGroup g) {
        long now = clock.getAsLong();
        if (g.state == State.PREPARING_REBALANCE
                && (now >= g.rebalanceDeadlineMs || (g.allMembersJoined() && now >= g.joinNotBeforeMs))) {
            completeJoin(g);
        }
    }

    private void completeJoin(ClassicGroup g) {
        g.pendingMembers.clear();
        for (Member m : new ArrayList<>(g.members.values())) {
            if (m.awaitingJoin == null) {
                LOG.info("group {}: member {} did not rejoin in time; removed", g.groupId, m.memberId);
                remove(g, m);
            }
        }
        g.generation++;
        if (g.members.isEmpty()) {
            g.state = State.EMPTY;
            g.protocolName = null;
            g.leaderId = null;
            return;
        }
        if (g.leaderId == null || !g.members.containsKey(g.leaderId)) {
            g.leaderId = g.members.keySet().iterator().next();
        }
        g.protocolName = g.selectProtocol();
        g.state = State.COMPLETING_REBALANCE;
        long now = clock.getAsLong();
        for (Member m : g.members.values()) {
            CompletableFuture<JoinGroupResponseData> f = m.awaitingJoin;
            m.awaitingJoin = null;
            m.lastHeartbeatMs = now;
            f.complete(joinResponse(g, m));
        }
        LOG.info("group {} generation {}: {} member(s), leader {}", g.groupId, g.generation, g.members.size(),
                g.leaderId);
    }

    private static JoinGroupResponseData joinResponse(ClassicGroup g, Member m) {
        JoinGroupResponseData r = new JoinGroupResponseData().setGenerationId(g.generation)
                .setProtocolType(g.protocolType).setProtocolName(g.protocolName).setLeader(g.leaderId)
                .setMemberId(m.memberId);
        if (m.memberId.equals(g.leaderId)) {
            for (Member each : g.members.values()) {
                r.members().add(new JoinGroupResponseMember().setMemberId(each.memberId)
                        .setGroupInstanceId(each.instanceId).setMetadata(each.metadata(g.protocolName)));
            }
        }
        return r;
    }

    public synchronized CompletableFuture<SyncGroupResponseData> sync(String groupId, int generation, String memberId,
                                                                      String instanceId, Map<String, byte[]> assignments) {
        ClassicGroup g = groups.get(groupId);
        Member m = g == null ? null : g.members.get(memberId);
        if (m == null) {
            return CompletableFuture.completedFuture(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        if (instanceId != null && !instanceId.equals(m.instanceId)) {
            return CompletableFuture.completedFuture(syncError(Errors.FENCED_INSTANCE_ID));
        }
        if (generation != g.generation) {
            return CompletableFuture.completedFuture(syncError(Errors.ILLEGAL_GENERATION));
        }
        m.lastHeartbeatMs = clock.getAsLong();
        switch (g.state) {
            case PREPARING_REBALANCE:
                return CompletableFuture.completedFuture(syncError(Errors.REBALANCE_IN_PROGRESS));
            case STABLE:
                return CompletableFuture.completedFuture(syncResponse(g, m));
            case COMPLETING_REBALANCE:
                if (m.awaitingSync != null) {
                    m.awaitingSync.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
                }
                m.awaitingSync = new CompletableFuture<>();
                CompletableFuture<SyncGroupResponseData> f = m.awaitingSync;
                if (memberId.equals(g.leaderId)) {
                    for (Member each : g.members.values()) {
                        byte[] a = assignments.get(each.memberId);
                        each.assignment = a == null ? new byte[0] : a;
                    }
                    g.state = State.STABLE;
                    for (Member each : g.members.values()) {
                        if (each.awaitingSync != null) {
                            each.awaitingSync.complete(syncResponse(g, each));
                            each.awaitingSync = null;
                        }
                    }
                }
                return f;
            default:
                return CompletableFuture.completedFuture(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
    }

    private static SyncGroupResponseData syncResponse(ClassicGroup g, Member m) {
        return new SyncGroupResponseData().setProtocolType(g.protocolType).setProtocolName(g.protocolName)
                .setAssignment(m.assignment);
    }

    public synchronized Errors heartbeat(String groupId, int generation, String memberId, String instanceId) {
        ClassicGroup g = groups.get(groupId);
        Member m = g == null ? null : g.members.get(memberId);
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (instanceId != null && !instanceId.equals(m.instanceId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        if (generation != g.generation) {
            return Errors.ILLEGAL_GENERATION;
        }
        m.lastHeartbeatMs = clock.getAsLong();
        return g.state == State.PREPARING_REBALANCE ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
    }

    /** Removes a member (by member id, or by instance id for static members); the group rebalances. */
    public synchronized Errors leave(String groupId, String memberId, String instanceId) {
        ClassicGroup g = groups.get(groupId);
        if (g == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        Member m = null;
        if (instanceId != null) {
            String id = g.staticMembers.get(instanceId);
            m = id == null ? null : g.members.get(id);
            if (m != null && memberId != null && !memberId.isEmpty() && !memberId.equals(m.memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        } else if (memberId != null) {
            m = g.members.get(memberId);
            if (m == null && g.pendingMembers.remove(memberId) != null) {
                return Errors.NONE;
            }
        }
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        LOG.info("group {}: member {} left", g.groupId, m.memberId);
        remove(g, m);
        fence(m);
        membershipChanged(g, "member " + m.memberId + " left");
        return Errors.NONE;
    }

    private void membershipChanged(ClassicGroup g, String reason) {
        long now = clock.getAsLong();
        if (g.state == State.STABLE || g.state == State.COMPLETING_REBALANCE) {
            prepareRebalance(g, now, reason);
        }
        if (g.state == State.PREPARING_REBALANCE) {
            if (g.members.isEmpty()) {
                completeJoin(g);
            } else {
                maybeCompleteJoin(g);
            }
        }
    }

    private static void remove(ClassicGroup g, Member m) {
        g.members.remove(m.memberId);
        if (m.instanceId != null && m.memberId.equals(g.staticMembers.get(m.instanceId))) {
            g.staticMembers.remove(m.instanceId);
        }
        if (m.memberId.equals(g.leaderId)) {
            g.leaderId = g.members.isEmpty() ? null : g.members.keySet().iterator().next();
        }
    }

    private static void fence(Member m) {
        if (m.awaitingJoin != null) {
            m.awaitingJoin.complete(joinErrorData(Errors.FENCED_INSTANCE_ID, m.memberId));
            m.awaitingJoin = null;
        }
        if (m.awaitingSync != null) {
            m.awaitingSync.complete(syncError(Errors.FENCED_INSTANCE_ID));
            m.awaitingSync = null;
        }
    }

    /** Session and rebalance deadlines, checked by the timer thread. */
    private synchronized void expire() {
        long now = clock.getAsLong();
        for (ClassicGroup g : groups.values()) {
            g.pendingMembers.values().removeIf(deadline -> deadline < now);
            List<Member> dead = new ArrayList<>();
            for (Member m : g.members.values()) {
                if (m.expired(now)) {
                    dead.add(m);
                }
            }
            for (Member m : dead) {
                LOG.info("group {}: member {} missed its session timeout ({} ms); removed", g.groupId, m.memberId,
                        m.sessionTimeoutMs);
                remove(g, m);
            }
            if (!dead.isEmpty()) {
                membershipChanged(g, dead.size() + " member(s) timed out");
            }
            maybeCompleteJoin(g);
        }
    }

    // ------------------------------------------------------------------ views and admin

    /** A read-only view of a group for DescribeGroups and ListGroups. */
    public record GroupView(String groupId, String state, String protocolType, String protocolName,
                            List<MemberView> members) {
    }

    /** A member as DescribeGroups shows it. */
    public record MemberView(String memberId, String instanceId, String clientId, String clientHost,
                             byte[] metadata, byte[] assignment) {
    }

    public synchronized Optional<GroupView> describe(String groupId) {
        ClassicGroup g = groups.get(groupId);
        if (g == null) {
            return Optional.empty();
        }
        List<MemberView> members = new ArrayList<>();
        boolean stable = g.state == State.STABLE;
        for (Member m : g.members.values()) {
            members.add(new MemberView(m.memberId, m.instanceId, m.clientId, m.clientHost,
                    stable ? m.metadata(g.protocolName) : new byte[0], stable ? m.assignment : new byte[0]));
        }
        return Optional.of(new GroupView(g.groupId, g.state.wireName, g.protocolType == null ? "" : g.protocolType,
                stable ? g.protocolName : "", members));
    }

    public synchronized List<GroupView> list() {
        List<GroupView> out = new ArrayList<>();
        for (ClassicGroup g : groups.values()) {
            if (g.state != State.DEAD) {
                out.add(new GroupView(g.groupId, g.state.wireName, g.protocolType == null ? "" : g.protocolType,
                        g.protocolName, List.of()));
            }
        }
        return out;
    }

    /** Makes sure a group exists (offset commits of group-less consumers create an empty one). */
    public synchronized void ensure(String groupId) {
        groups.computeIfAbsent(groupId, ClassicGroup::new);
    }

    /**
     * Checks that an offset commit may go ahead: simple commits (generation -1, no member) only
     * to groups without members; member commits need the current generation.
     */
    public synchronized Errors checkCommit(String groupId, int generation, String memberId, String instanceId) {
        ClassicGroup g = groups.computeIfAbsent(groupId, ClassicGroup::new);
        if (generation < 0 && (memberId == null || memberId.isEmpty())) {
            return g.members.isEmpty() ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
        }
        Member m = g.members.get(memberId);
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (instanceId != null && !instanceId.equals(m.instanceId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        if (generation != g.generation) {
            return Errors.ILLEGAL_GENERATION;
        }
        // as Kafka: members still own their previous generation's partitions while the group
        // prepares a rebalance, so they may commit; once it completes they must sync first
        if (g.state == State.COMPLETING_REBALANCE) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        m.lastHeartbeatMs = clock.getAsLong();
        return Errors.NONE;
    }

    /** Deletes a group without members; NON_EMPTY_GROUP when it has some, GROUP_ID_NOT_FOUND when unknown. */
    public synchronized Errors delete(String groupId, boolean knownByOffsets) {
        ClassicGroup g = groups.get(groupId);
        if (g == null) {
            return knownByOffsets ? Errors.NONE : Errors.GROUP_ID_NOT_FOUND;
        }
        if (!g.members.isEmpty()) {
            return Errors.NON_EMPTY_GROUP;
        }
        groups.remove(groupId);
        return Errors.NONE;
    }

    /** The topics the group's consumers subscribe to, as their subscriptions say; empty for other protocols. */
    public synchronized Collection<byte[]> subscriptions(String groupId) {
        ClassicGroup g = groups.get(groupId);
        List<byte[]> out = new ArrayList<>();
        if (g != null && "consumer".equals(g.protocolType) && g.protocolName != null) {
            g.members.values().forEach(m -> out.add(m.metadata(g.protocolName)));
        }
        return out;
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(Errors e, String memberId) {
        return CompletableFuture.completedFuture(joinErrorData(e, memberId));
    }

    private static JoinGroupResponseData joinErrorData(Errors e, String memberId) {
        return new JoinGroupResponseData().setErrorCode(e.code()).setGenerationId(-1)
                .setMemberId(memberId == null ? "" : memberId).setLeader("").setProtocolName(null);
    }

    private static SyncGroupResponseData syncError(Errors e) {
        return new SyncGroupResponseData().setErrorCode(e.code()).setAssignment(new byte[0]);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
