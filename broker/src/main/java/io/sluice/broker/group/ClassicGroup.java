package io.sluice.broker.group;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One classic-protocol group: its members, generation and rebalance state. Mutable; guarded by
 * the coordinator's lock.
 */
final class ClassicGroup {

    /** Kafka's group states, with the names Kafka's tools print. */
    enum State {
        EMPTY("Empty"), PREPARING_REBALANCE("PreparingRebalance"), COMPLETING_REBALANCE("CompletingRebalance"),
        STABLE("Stable"), DEAD("Dead");

        final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }
    }

    final String groupId;
    State state = State.EMPTY;
    int generation;
    String protocolType;
    String protocolName;
    String leaderId;
    final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    /** group.instance.id to member id, for static members. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, with the time they expire unless they join. */
    final Map<String, Long> pendingMembers = new HashMap<>();
    /** When the current rebalance completes even if not every member has rejoined. */
    long rebalanceDeadlineMs;
    /** The current rebalance completes no earlier than this, even when every member has rejoined. */
    long joinNotBeforeMs;

    ClassicGroup(String groupId) {
        this.groupId = groupId;
    }

    boolean allMembersJoined() {
        if (!pendingMembers.isEmpty()) {
            return false;
        }
        for (Member m : members.values()) {
            if (m.awaitingJoin == null) {
                return false;
            }
        }
        return true;
    }

    int rebalanceTimeoutMs() {
        int max = 0;
        for (Member m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    /** The protocol every member supports that most members list first among those (Kafka's vote). */
    String selectProtocol() {
        Set<String> common = null;
        for (Member m : members.values()) {
            Set<String> names = new HashSet<>();
            m.protocols.forEach(p -> names.add(p.name()));
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Member m : members.values()) {
            for (GroupCoordinator.Protocol p : m.protocols) {
                if (common != null && common.contains(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** True when a member joining with these protocols could run with the current members. */
    boolean supportsProtocols(String type, Iterable<GroupCoordinator.Protocol> protocols) {
        if (members.isEmpty()) {
            return true;
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        for (GroupCoordinator.Protocol p : protocols) {
            boolean all = true;
            for (Member m : members.values()) {
                if (!m.supports(p.name())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
