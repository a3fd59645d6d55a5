package io.sluice.broker.group;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

/**
 * A member of a classic group, as the coordinator keeps it. Mutable; guarded by the
 * coordinator's lock.
 */
final class Member {

    final String memberId;
    /** The static member's {@code group.instance.id}, or null for a dynamic member. */
    final String instanceId;
    final String clientId;
    final String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    String protocolType;
    List<GroupCoordinator.Protocol> protocols;
    byte[] assignment = new byte[0];
    /** Set while the member waits in a JoinGroup for the rebalance to complete. */
    CompletableFuture<JoinGroupResponseData> awaitingJoin;
    /** Set while the member waits in a SyncGroup for the leader's assignment. */
    CompletableFuture<SyncGroupResponseData> awaitingSync;
    long lastHeartbeatMs;

    Member(String memberId, String instanceId, String clientId, String clientHost) {
        this.memberId = memberId;
        this.instanceId = instanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
    }

    /** The metadata this member gave for {@code protocol}, or null when it does not support it. */
    byte[] metadata(String protocol) {
        for (GroupCoordinator.Protocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return null;
    }

    boolean supports(String protocol) {
        return metadata(protocol) != null;
    }

    boolean sameProtocols(List<GroupCoordinator.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !java.util.Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }

    /** Members waiting in a join or sync are alive whatever their heartbeats say. */
    boolean expired(long now) {
        return awaitingJoin == null && awaitingSync == null && now - lastHeartbeatMs > sessionTimeoutMs;
    }
}
