package io.pendule.cluster.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.cluster.control.NodeTags;
import io.pendule.cluster.entity.Member;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member in Dkron's JSON (Serf's field names); Serf's protocol versions, which mean nothing here, are 0. The id
 * is the node's name (Dkron makes a random one per request, which a UI cannot keep track of).
 */
@JsonPropertyOrder({"id", "Name", "Addr", "Port", "Tags", "Status", "ProtocolMin", "ProtocolMax", "ProtocolCur",
        "DelegateMin", "DelegateMax", "DelegateCur", "statusText", "roles", "started_at", "heartbeat_at"})
public class MemberJson {

    public String id;
    @JsonProperty("Name")
    public String name;
    @JsonProperty("Addr")
    public String addr;
    @JsonProperty("Port")
    public int port;
    @JsonProperty("Tags")
    public Map<String, String> tags;
    @JsonProperty("Status")
    public int status;
    @JsonProperty("ProtocolMin")
    public int protocolMin;
    @JsonProperty("ProtocolMax")
    public int protocolMax;
    @JsonProperty("ProtocolCur")
    public int protocolCur;
    @JsonProperty("DelegateMin")
    public int delegateMin;
    @JsonProperty("DelegateMax")
    public int delegateMax;
    @JsonProperty("DelegateCur")
    public int delegateCur;
    public String statusText;
    public String roles;
    public Instant started_at;
    public Instant heartbeat_at;

    static MemberJson of(Member member) {
        MemberJson json = new MemberJson();
        json.id = member.name();
        json.name = member.name();
        json.addr = member.address();
        json.port = member.port();
        json.tags = tags(member);
        json.status = member.status().code;
        json.statusText = member.status().text();
        json.roles = member.roles();
        json.started_at = member.startedAt();
        json.heartbeat_at = member.heartbeatAt();
        return json;
    }

    /**
     * The tags the node is matched by (NodeTags.advertised): its own, plus the ones Dkron's tools read, role, server (a
     * worker runs jobs) and version, which a node of this version stores already and an older one's row may lack.
     */
    static Map<String, String> tags(Member member) {
        return new TreeMap<>(NodeTags.advertised(member.tags(), member.roles(), member.version()).asMap());
    }
}
