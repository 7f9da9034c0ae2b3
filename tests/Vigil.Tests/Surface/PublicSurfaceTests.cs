using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Vigil.Model;

namespace Vigil.Tests.Surface;

/// <summary>
/// The engine's public surface is what hosts use. Types are internal by default; a type becomes public only when a host
/// (Vigil.Cli, Vigil.Server, Vigil.Redis, Vigil.Postgres, Vigil.Simulation) or a benchmark compiles against it, and
/// only the tests see internals. These tests make widening the surface a deliberate, reviewed change.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Engine = typeof(Post).Assembly;

    private static readonly string[] Hosts = ["Vigil.Cli", "Vigil.Server", "Vigil.Redis", "Vigil.Postgres", "Vigil.Simulation"];

    /// <summary>
    /// Public types no host assembly refers to, each with the reason it is public anyway. A host that only reads a
    /// constant leaves no reference behind (the compiler copies the value), and the benchmarks and training tools are not
    /// beside the tests.
    /// </summary>
    private static readonly Dictionary<string, string> PublicWithoutHostReference = new()
    {
        ["Vigil.Reporting.Transparency.ScoreKeys"] = "constants only: vigil measure sample --score",
        ["Vigil.Reporting.Transparency.ReportJson"] = "constants only: the server's /api/v1 transparency figures read ReportJson.FileName",
        ["Vigil.Ingest.VigilJsonl.Kinds"] = "constants only: the record kinds of the Vigil JSONL format",
        ["Vigil.Text.TextNormalizer"] = "training/normalize, which runs the product's normaliser for the Python training pipeline",
        ["Vigil.DecisionLog.InMemoryDecisionLog"] = "bench/Vigil.Bench.Policy",
        ["Vigil.DecisionLog.SqliteDecisionLog"] = "bench/Vigil.Bench.Policy",
        ["Vigil.Policy.PolicyVerdict"] = "bench/Vigil.Bench.Policy",
        ["Vigil.Storage.Sqlite.SqliteStore"] = "bench/Vigil.Bench (SQLite ingest speed)",
    };

    [Fact]
    public void The_public_types_are_the_checked_in_list()
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Surface", "PublicSurface.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        var actual = PublicTypeNames();
        var added = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        var removed = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            "The engine's public surface changed; if that is meant, edit tests/Vigil.Tests/Surface/PublicSurface.txt to match.\n" +
            string.Concat(added.Select(t => $"  now public: {t}\n")) + string.Concat(removed.Select(t => $"  no longer public: {t}\n")));
    }

    [Fact]
    public void Every_public_type_is_referenced_by_a_host()
    {
        var referenced = WithTheirShapes(Hosts.SelectMany(host => EngineTypesReferencedBy(Path.Combine(AppContext.BaseDirectory, host + ".dll"))));
        var unused = PublicTypeNames().Where(t => !referenced.Contains(t) && !PublicWithoutHostReference.ContainsKey(t))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0,
            "Public engine types no host uses: make them internal (and the members that expose them), or say in " +
            $"{nameof(PublicWithoutHostReference)} why they are public.\n" + string.Concat(unused.Select(t => $"  {t}\n")));
        var stale = PublicWithoutHostReference.Keys.Where(t => referenced.Contains(t) || !PublicTypeNames().Contains(t)).ToList();
        Assert.True(stale.Count == 0, $"Listed in {nameof(PublicWithoutHostReference)} but referenced by a host or not public: {string.Join(", ", stale)}");
    }

    [Fact]
    public void Only_the_tests_see_the_engines_internals()
    {
        var friends = Engine.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName);
        Assert.Equal(["Vigil.Tests"], friends);
    }

    /// <summary>
    /// The referenced types and the types of their public properties, transitively: a result a host receives carries
    /// those as data (a cluster its co-action weights, a chart its series), which the host may read or serialise
    /// without naming them.
    /// </summary>
    private static HashSet<string> WithTheirShapes(IEnumerable<string> referenced)
    {
        var byName = Engine.GetExportedTypes().ToDictionary(NameOf, StringComparer.Ordinal);
        var names = referenced.ToHashSet(StringComparer.Ordinal);
        var pending = new Queue<string>(names);
        while (pending.TryDequeue(out var name))
        {
            if (!byName.TryGetValue(name, out var type)) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var part in Parts(property.PropertyType))
                {
                    if (part.Assembly == Engine && !part.IsGenericParameter && names.Add(NameOf(part))) pending.Enqueue(NameOf(part));
                }
            }
        }
        return names;
    }

    /// <summary>A type and the types it is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Parts(Type type) =>
        type.HasElementType ? Parts(type.GetElementType()!)
        : type.IsGenericType ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Parts)]
        : [type];

    private static HashSet<string> PublicTypeNames() => Engine.GetExportedTypes().Select(NameOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>The name as the list and the metadata scan write it: nested types joined with '.'.</summary>
    private static string NameOf(Type type) => type.FullName!.Replace('+', '.');

    /// <summary>
    /// The engine types an assembly's metadata refers to: every type it names in code, signatures, casts or attributes
    /// has a row in its TypeRef table whose scope is the engine's assembly (or, for a nested type, its enclosing type).
    /// </summary>
    private static IEnumerable<string> EngineTypesReferencedBy(string path)
    {
        Assert.True(File.Exists(path), $"{path}: host assembly missing beside the tests");
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            if (NameIfEngine(metadata, handle) is { } name) names.Add(name);
        }
        return names;
    }

    private static string? NameIfEngine(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        switch (type.ResolutionScope.Kind)
        {
            case HandleKind.TypeReference:
                return NameIfEngine(metadata, (TypeReferenceHandle)type.ResolutionScope) is { } outer ? outer + "." + name : null;
            case HandleKind.AssemblyReference:
                var assembly = metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope);
                if (metadata.GetString(assembly.Name) != Engine.GetName().Name) return null;
                var ns = metadata.GetString(type.Namespace);
                return ns.Length == 0 ? name : ns + "." + name;
            default:
                return null;
        }
    }
}
