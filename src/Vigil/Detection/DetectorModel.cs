using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Vigil.Detection;

/// <summary>
/// The trained weights: one row of <see cref="Outputs"/> floats per hashed bucket, so scoring a feature is one
/// contiguous 32-byte load that feeds every head at once. Stored as half floats, deflated (≈ 10 MB on disk).
/// </summary>
internal sealed class DetectorModel
{
    public const int Outputs = 8;
    public const int Antisemitic = 0;
    public const int Hateful = 1;
    /// <summary>HateXplain's three classes, softmax over columns 2..4: hate speech, offensive, normal.</summary>
    public const int Hx3 = 2;
    /// <summary>Target, softmax over columns 5..7: Jews, another protected group, no group.</summary>
    public const int TargetHead = 5;
    private const string Magic = "VIGIL-DETECT";
    private const int FormatVersion = 1;

    public DetectorModel(string version, int hashBits, float[] weights, float[] bias, Calibration calibration)
    {
        if (weights.Length != (1 << hashBits) * Outputs) throw new ArgumentException("Weights do not match hash bits.");
        if (bias.Length != Outputs) throw new ArgumentException($"Expected {Outputs} biases.");
        Version = version;
        HashBits = hashBits;
        _weightRows = AlignedCopy(weights, out _weightsStart);
        _weightsLength = weights.Length;
        Bias = bias;
        Calibration = calibration;
    }

    public string Version { get; }
    public int HashBits { get; }
    public int BucketMask => (1 << HashBits) - 1;
    /// <summary>Row-major: bucket b's outputs are <c>Weights[b * Outputs .. (b + 1) * Outputs]</c>.</summary>
    public ReadOnlySpan<float> Weights => _weightRows.AsSpan(_weightsStart, _weightsLength);
    public float[] Bias { get; }
    public Calibration Calibration { get; }

    // Scoring is bound by cache misses on the rows. A row is 32 bytes, but an ordinary array's data starts 16 bytes
    // into a cache line, so every other row would straddle two lines: two misses for one feature. The rows are kept
    // in a pinned array (the GC never moves it, so the alignment holds) from its first 64-byte boundary on.
    private readonly float[] _weightRows;
    private readonly int _weightsStart;
    private readonly int _weightsLength;
    private const int CacheLine = 64;

    private static unsafe float[] AlignedCopy(float[] weights, out int start)
    {
        var rows = GC.AllocateUninitializedArray<float>(weights.Length + CacheLine / sizeof(float), pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(rows));
        start = (int)((CacheLine - address % CacheLine) % CacheLine / sizeof(float));
        weights.CopyTo(rows.AsSpan(start));
        return rows;
    }

    public void Save(Stream destination)
    {
        using var deflate = new DeflateStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(deflate, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(FeatureExtractor.FeatureVersion);
        writer.Write(Version);
        writer.Write(HashBits);
        foreach (var b in Bias) writer.Write(b);
        Calibration.Write(writer);
        var buffer = new byte[Weights.Length * 2];
        for (var i = 0; i < Weights.Length; i++)
            BitConverter.TryWriteBytes(buffer.AsSpan(i * 2), (Half)Weights[i]);
        writer.Write(buffer);
    }

    public static DetectorModel Load(Stream source, string name)
    {
        using var deflate = new DeflateStream(source, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(new BufferedStream(deflate, 1 << 16), Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException($"{name}: not a Vigil detector model.");
            var format = reader.ReadInt32();
            var features = reader.ReadInt32();
            if (format != FormatVersion || features != FeatureExtractor.FeatureVersion)
                throw new InvalidDataException(
                    $"{name}: model format {format}/features {features}, this build reads {FormatVersion}/{FeatureExtractor.FeatureVersion}; re-train with 'vigil train'.");
            var version = reader.ReadString();
            var bits = reader.ReadInt32();
            if (bits is < 10 or > 24) throw new InvalidDataException($"{name}: implausible hash size 2^{bits}.");
            var bias = new float[Outputs];
            for (var i = 0; i < Outputs; i++) bias[i] = reader.ReadSingle();
            var calibration = Calibration.Read(reader);
            var weights = new float[(1 << bits) * Outputs];
            var buffer = reader.ReadBytes(weights.Length * 2);
            if (buffer.Length != weights.Length * 2) throw new InvalidDataException($"{name}: truncated weights.");
            for (var i = 0; i < weights.Length; i++) weights[i] = (float)BitConverter.ToHalf(buffer, i * 2);
            return new DetectorModel(version, bits, weights, bias, calibration);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{name}: model file is truncated.");
        }
    }
}

/// <summary>
/// Maps raw scores to probabilities fitted on dev splits (Platt scaling for the binary heads, a temperature for the
/// softmax heads), and the decision thresholds chosen on those dev splits.
/// </summary>
internal sealed record Calibration(
    float AntisemiticScale, float AntisemiticShift, float AntisemiticThreshold,
    float HatefulScale, float HatefulShift, float HatefulThreshold,
    float Hx3Temperature, float TargetTemperature)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(AntisemiticScale); writer.Write(AntisemiticShift); writer.Write(AntisemiticThreshold);
        writer.Write(HatefulScale); writer.Write(HatefulShift); writer.Write(HatefulThreshold);
        writer.Write(Hx3Temperature); writer.Write(TargetTemperature);
    }

    public static Calibration Read(BinaryReader reader) => new(
        reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(),
        reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(),
        reader.ReadSingle(), reader.ReadSingle());
}
