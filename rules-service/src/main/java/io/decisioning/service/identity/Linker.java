package io.decisioning.service.identity;

import io.decisioning.rules.LinkOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Turns what the identity pack and people decided about pairs of records into parties (DESIGN.md
 * section 10): connected sets of records joined by AUTO_LINK pairs and pairs a person confirmed, never
 * holding two different valid resident IDs (or organization codes) nor two records a person kept apart.
 * Pure: the records in scope in, their parties and the review candidates out.
 *
 * <p>Links are taken strongest first (confirmed by a person, then the same identity, then the rest, each
 * in the order of the records' CRM ids), and a link that would join two records that must stay apart is
 * left out, so the outcome does not depend on the order the pairs came in. A party keeps its number as
 * records join; when parties merge the smallest number stays; a record that leaves gets a new one.
 */
final class Linker {

    private Linker() {
    }

    /** A pair of records in scope ({@code a < b}) with the identity pack's outcome. */
    record Pair(long a, long b, LinkOutcome outcome, String rule, Set<Evidence> evidence) {
    }

    /** What a person decided about two records. */
    record Decision(long a, long b, Kind kind, String keysA, String keysB) {

        enum Kind { CONFIRMED, APART }

        /** A decision to keep apart holds while both records' keys are those it was made on. */
        boolean holds(Map<Long, IdentityRecord> records) {
            IdentityRecord ra = records.get(a);
            IdentityRecord rb = records.get(b);
            if (ra == null || rb == null) {
                return false;
            }
            return kind == Kind.CONFIRMED || (ra.keysDigest().equals(keysA) && rb.keysDigest().equals(keysB));
        }
    }

    /** A record's party. */
    record Membership(long customerId, long partyNo, long primaryCustomerId, int records, LinkKind link,
                      Set<Evidence> evidence) {
    }

    /** A REVIEW pair whose records are in different parties and were not kept apart. */
    record Candidate(long a, long b, String rule, Set<Evidence> evidence) {
    }

    record Resolution(Map<Long, Membership> members, List<Candidate> candidates) {
    }

    static Resolution link(Map<Long, IdentityRecord> records, Collection<Pair> pairs, Collection<Decision> decisions,
                           Map<Long, Long> currentParty, LongSupplier newPartyNo) {
        Components components = new Components(records);
        Set<String> apartKeys = new HashSet<>();
        List<Edge> edges = new ArrayList<>();
        for (Decision decision : decisions) {
            if (!decision.holds(records)) {
                continue;
            }
            if (decision.kind() == Decision.Kind.APART) {
                components.apart(decision.a(), decision.b());
                apartKeys.add(IdentityRecord.pairId(decision.a(), decision.b()));
            } else {
                edges.add(new Edge(decision.a(), decision.b(), 0, LinkKind.CONFIRMED,
                        records.get(decision.a()).evidenceWith(records.get(decision.b()))));
            }
        }
        for (Pair pair : pairs) {
            if (pair.outcome() == LinkOutcome.AUTO_LINK) {
                boolean identity = pair.evidence().contains(Evidence.ID_NUMBER) || pair.evidence().contains(Evidence.ORG_CODE)
                        || pair.evidence().contains(Evidence.PASSPORT);
                edges.add(new Edge(pair.a(), pair.b(), identity ? 1 : 2, LinkKind.AUTO, pair.evidence()));
            }
        }
        edges.sort(Comparator.comparingInt(Edge::rank).thenComparingLong(Edge::a).thenComparingLong(Edge::b));
        Map<Long, Edge> firstEdge = new HashMap<>();
        Set<Long> confirmed = new HashSet<>();
        for (Edge edge : edges) {
            if (components.union(edge.a(), edge.b())) {
                firstEdge.putIfAbsent(edge.a(), edge);
                firstEdge.putIfAbsent(edge.b(), edge);
                if (edge.kind() == LinkKind.CONFIRMED) {
                    confirmed.add(edge.a());
                    confirmed.add(edge.b());
                }
            }
        }
        // parties in the order of their smallest record: each takes the smallest number its records had that
        // no earlier party took, or a new one
        TreeMap<Long, List<Long>> parties = new TreeMap<>();
        for (long id : records.keySet()) {
            parties.computeIfAbsent(components.root(id), root -> new ArrayList<>()).add(id);
        }
        List<List<Long>> ordered = new ArrayList<>(parties.values());
        ordered.forEach(members -> members.sort(null));
        ordered.sort(Comparator.comparingLong(members -> members.get(0)));
        Set<Long> taken = new HashSet<>();
        Map<Long, Membership> members = new HashMap<>();
        for (List<Long> party : ordered) {
            Long number = party.stream().map(currentParty::get).filter(n -> n != null && !taken.contains(n))
                    .min(Long::compare).orElse(null);
            long partyNo = number != null ? number : newPartyNo.getAsLong();
            taken.add(partyNo);
            long primary = party.get(0);
            for (long id : party) {
                Edge edge = firstEdge.get(id);
                LinkKind link = party.size() == 1 ? LinkKind.ALONE
                        : confirmed.contains(id) ? LinkKind.CONFIRMED : LinkKind.AUTO;
                Set<Evidence> evidence = edge == null || edge.evidence().isEmpty() ? EnumSet.noneOf(Evidence.class)
                        : EnumSet.copyOf(edge.evidence());
                members.put(id, new Membership(id, partyNo, primary, party.size(), link, evidence));
            }
        }
        // one candidate per two parties (the pair of smallest ids): merging it merges the parties
        List<Pair> review = new ArrayList<>(pairs.stream().filter(pair -> pair.outcome() == LinkOutcome.REVIEW).toList());
        review.sort(Comparator.comparingLong(Pair::a).thenComparingLong(Pair::b));
        Set<String> partiesProposed = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        for (Pair pair : review) {
            long ra = components.root(pair.a());
            long rb = components.root(pair.b());
            if (ra != rb && !apartKeys.contains(IdentityRecord.pairId(pair.a(), pair.b()))
                    && partiesProposed.add(IdentityRecord.pairId(Math.min(ra, rb), Math.max(ra, rb)))) {
                candidates.add(new Candidate(pair.a(), pair.b(), pair.rule(), pair.evidence()));
            }
        }
        return new Resolution(members, candidates);
    }

    private record Edge(long a, long b, int rank, LinkKind kind, Set<Evidence> evidence) {
    }

    /** Union-find over the records in scope that refuses unions joining two records that must stay apart. */
    private static final class Components {

        private final Map<Long, Long> parent = new HashMap<>();
        private final Map<Long, List<Long>> members = new HashMap<>();
        /** By root: the resident ID and organization code of its records, when valid. */
        private final Map<Long, Map<String, String>> identities = new HashMap<>();
        private final Map<Long, Set<Long>> apart = new HashMap<>();

        Components(Map<Long, IdentityRecord> records) {
            for (IdentityRecord record : records.values()) {
                long id = record.customerId();
                parent.put(id, id);
                members.put(id, new ArrayList<>(List.of(id)));
                Map<String, String> strong = new HashMap<>(2);
                String kind = record.strongIdentityKind();
                if (kind != null) {
                    strong.put(kind, record.keys().identity());
                }
                identities.put(id, strong);
            }
        }

        void apart(long a, long b) {
            apart.computeIfAbsent(a, x -> new HashSet<>()).add(b);
            apart.computeIfAbsent(b, x -> new HashSet<>()).add(a);
        }

        long root(long id) {
            long root = id;
            while (parent.get(root) != root) {
                root = parent.get(root);
            }
            long next = id;
            while (next != root) {
                long up = parent.get(next);
                parent.put(next, root);
                next = up;
            }
            return root;
        }

        /** Joins the components of a and b unless they must stay apart; true when this joined two components. */
        boolean union(long a, long b) {
            if (!parent.containsKey(a) || !parent.containsKey(b)) {
                return false;
            }
            long ra = root(a);
            long rb = root(b);
            if (ra == rb) {
                return false;
            }
            if (conflict(identities.get(ra), identities.get(rb))) {
                return false;
            }
            long big = members.get(ra).size() >= members.get(rb).size() ? ra : rb;
            long small = big == ra ? rb : ra;
            for (long member : members.get(small)) {
                for (long other : apart.getOrDefault(member, Set.of())) {
                    if (parent.containsKey(other) && root(other) == big) {
                        return false;
                    }
                }
            }
            parent.put(small, big);
            members.get(big).addAll(members.remove(small));
            identities.get(big).putAll(identities.remove(small));
            return true;
        }

        private static boolean conflict(Map<String, String> x, Map<String, String> y) {
            for (Map.Entry<String, String> id : y.entrySet()) {
                String other = x.get(id.getKey());
                if (other != null && !other.equals(id.getValue())) {
                    return true;
                }
            }
            return false;
        }
    }
}
