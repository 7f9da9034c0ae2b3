using Vigil.Model;

namespace Vigil.Coordination;

/// <summary>
/// Louvain community detection (Blondel et al. 2008) on an undirected weighted graph: move single nodes to the
/// neighbouring community with the best modularity gain until none improves, collapse communities into nodes, repeat.
/// Visit order comes from a seeded shuffle, so the same seed always gives the same partition.
/// </summary>
internal static class Louvain
{
    /// <summary>Returns a community index per node, numbered densely from 0.</summary>
    public static int[] Communities(int nodeCount, IReadOnlyList<(int A, int B, double Weight)> edges, double resolution, int seed)
    {
        var random = new SeededRandom(seed);
        var membership = new int[nodeCount];
        for (var i = 0; i < nodeCount; i++) membership[i] = i;
        var graph = Graph.From(nodeCount, edges, new double[nodeCount]);
        while (true)
        {
            var community = MoveNodes(graph, resolution, random, out var moved);
            if (!moved) break;
            var count = Renumber(community);
            for (var i = 0; i < nodeCount; i++) membership[i] = community[membership[i]];
            if (count == graph.NodeCount) break;
            graph = graph.Collapse(community, count);
        }
        Renumber(membership);
        return membership;
    }

    private static int[] MoveNodes(Graph graph, double resolution, SeededRandom random, out bool movedAny)
    {
        var n = graph.NodeCount;
        var community = new int[n];
        var total = new double[n];
        for (var i = 0; i < n; i++)
        {
            community[i] = i;
            total[i] = graph.Degree[i];
        }
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        random.Shuffle(order);

        var linkTo = new double[n];
        var touched = new List<int>();
        var twoM = graph.TotalDegree;
        movedAny = false;
        if (twoM <= 0) return community;
        bool moved;
        do
        {
            moved = false;
            foreach (var node in order)
            {
                var own = community[node];
                var degree = graph.Degree[node];
                touched.Clear();
                for (var e = graph.Start[node]; e < graph.Start[node + 1]; e++)
                {
                    var neighbour = graph.Target[e];
                    if (neighbour == node) continue;
                    var c = community[neighbour];
                    if (linkTo[c] == 0) touched.Add(c);
                    linkTo[c] += graph.Weight[e];
                }
                total[own] -= degree;
                var best = own;
                var bestGain = linkTo[own] - resolution * total[own] * degree / twoM;
                foreach (var c in touched)
                {
                    var gain = linkTo[c] - resolution * total[c] * degree / twoM;
                    // Strictly better by a margin, ties to the lower index: no oscillation, no order dependence on ties.
                    if (gain > bestGain + 1e-12 || (Math.Abs(gain - bestGain) <= 1e-12 && c < best))
                    {
                        best = c;
                        bestGain = gain;
                    }
                }
                total[best] += degree;
                if (best != own)
                {
                    community[node] = best;
                    moved = movedAny = true;
                }
                foreach (var c in touched) linkTo[c] = 0;
            }
        } while (moved);
        return community;
    }

    private static int Renumber(int[] community)
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < community.Length; i++)
        {
            if (!map.TryGetValue(community[i], out var id))
            {
                id = map.Count;
                map.Add(community[i], id);
            }
            community[i] = id;
        }
        return map.Count;
    }

    /// <summary>Adjacency in CSR form; a self-loop of weight w (a collapsed community's inner weight) adds 2w to degree.</summary>
    private sealed class Graph
    {
        public required int[] Start, Target;
        public required double[] Weight, Degree, SelfLoop;
        public double TotalDegree;
        public int NodeCount => Degree.Length;

        public static Graph From(int nodeCount, IReadOnlyList<(int A, int B, double Weight)> edges, double[] selfLoop)
        {
            var start = new int[nodeCount + 1];
            foreach (var (a, b, _) in edges)
            {
                start[a + 1]++;
                start[b + 1]++;
            }
            for (var i = 0; i < nodeCount; i++) start[i + 1] += start[i];
            var fill = start.AsSpan(0, nodeCount).ToArray();
            var target = new int[start[nodeCount]];
            var weight = new double[start[nodeCount]];
            var degree = new double[nodeCount];
            foreach (var (a, b, w) in edges)
            {
                target[fill[a]] = b;
                weight[fill[a]++] = w;
                target[fill[b]] = a;
                weight[fill[b]++] = w;
                degree[a] += w;
                degree[b] += w;
            }
            double total = 0;
            for (var i = 0; i < nodeCount; i++)
            {
                degree[i] += 2 * selfLoop[i];
                total += degree[i];
            }
            return new Graph { Start = start, Target = target, Weight = weight, Degree = degree, SelfLoop = selfLoop, TotalDegree = total };
        }

        public Graph Collapse(int[] community, int count)
        {
            var selfLoop = new double[count];
            var between = new Dictionary<long, double>();
            for (var node = 0; node < NodeCount; node++)
            {
                selfLoop[community[node]] += SelfLoop[node];
                for (var e = Start[node]; e < Start[node + 1]; e++)
                {
                    var other = Target[e];
                    if (other < node) continue; // each undirected edge once
                    var (a, b) = (community[node], community[other]);
                    if (a == b) selfLoop[a] += Weight[e];
                    else
                    {
                        var key = PackedPair.Unordered(a, b);
                        between[key] = between.GetValueOrDefault(key) + Weight[e];
                    }
                }
            }
            var edges = new List<(int, int, double)>(between.Count);
            foreach (var (key, w) in between) edges.Add((PackedPair.First(key), PackedPair.Second(key), w));
            // Dictionary order is insertion order here, which follows node order: deterministic.
            return From(count, edges, selfLoop);
        }
    }
}
