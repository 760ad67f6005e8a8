using System.Text;

namespace DataPrep.Stages.Quality;

/// <summary>
/// A trained linear quality classifier: logistic regression over hashed character and word n-grams
/// (<see cref="QualityClassifierTrainer"/> makes one). <see cref="Score(ReadOnlySpan{char})"/> is the
/// probability that a text is like the "good" training documents. Thread-safe: the weights are read-only.
/// </summary>
/// <remarks>
/// File format (little-endian): the magic bytes <c>DPQC</c>, a <c>uint16</c> format version (1), the
/// feature settings (bits, shortest and longest character n-gram, longest word n-gram as bytes, maximum
/// characters as <c>int32</c>), the bias (<c>float32</c>), then the non-zero weights as a count
/// (<c>int32</c>) and (<c>int32</c> bucket, <c>float32</c> weight) pairs in bucket order. A file whose
/// feature settings differ from what this build computes is refused rather than scored wrongly.
/// </remarks>
public sealed class QualityClassifierModel
{
    /// <summary>The model file format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "DPQC"u8;

    private readonly float[] _weights;

    internal QualityClassifierModel(int bits, int maxChars, float[] weights, float bias)
    {
        Features = new HashedNgramFeatures(bits, maxChars);
        if (weights.Length != Features.Dimension)
        {
            throw new ArgumentException($"expected {Features.Dimension} weights, got {weights.Length}.", nameof(weights));
        }
        _weights = weights;
        Bias = bias;
    }

    internal HashedNgramFeatures Features { get; }

    /// <summary>Feature buckets: 2^Bits.</summary>
    public int Bits => Features.Bits;

    /// <summary>Only the first this many characters of a document are scored.</summary>
    public int MaxChars => Features.MaxChars;

    /// <summary>The intercept of the linear model.</summary>
    public float Bias { get; }

    /// <summary>Number of buckets with a non-zero weight.</summary>
    public int NonZeroWeights => _weights.Count(w => w != 0);

    /// <summary>Probability (0–1) that <paramref name="text"/> is like the good training documents.</summary>
    public double Score(ReadOnlySpan<char> text)
    {
        Features.Extract(text, out var indices, out var values);
        return Sigmoid(Margin(indices, values));
    }

    /// <summary>Probability (0–1) that <paramref name="text"/> is like the good training documents.</summary>
    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text.AsSpan());
    }

    internal double Margin(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var weights = _weights;
        var sum = (double)Bias;
        for (var i = 0; i < indices.Length; i++)
        {
            sum += weights[indices[i]] * values[i];
        }
        return sum;
    }

    internal static double Sigmoid(double margin) => margin >= 0 ? 1 / (1 + Math.Exp(-margin)) : Math.Exp(margin) / (1 + Math.Exp(margin));

    /// <summary>Writes the model to <paramref name="path"/> (replacing it).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var temporary = full + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Save(stream);
        }
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write((ushort)FormatVersion);
        writer.Write((byte)Bits);
        writer.Write((byte)HashedNgramFeatures.MinCharNGram);
        writer.Write((byte)HashedNgramFeatures.MaxCharNGram);
        writer.Write((byte)HashedNgramFeatures.MaxWordNGram);
        writer.Write(MaxChars);
        writer.Write(Bias);
        writer.Write(NonZeroWeights);
        for (var i = 0; i < _weights.Length; i++)
        {
            if (_weights[i] != 0)
            {
                writer.Write(i);
                writer.Write(_weights[i]);
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Save(string)"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a model of a format version this build reads.</exception>
    public static QualityClassifierModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a model of a format version this build reads.</exception>
    public static QualityClassifierModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            reader.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
            {
                throw new InvalidDataException("not a DataPrep quality classifier model (bad magic bytes).");
            }
            var version = reader.ReadUInt16();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"quality classifier model format version {version} is not supported (this build reads {FormatVersion}).");
            }
            int bits = reader.ReadByte(), minChar = reader.ReadByte(), maxChar = reader.ReadByte(), maxWord = reader.ReadByte();
            if (bits is < 10 or > 24 || minChar != HashedNgramFeatures.MinCharNGram || maxChar != HashedNgramFeatures.MaxCharNGram
                || maxWord != HashedNgramFeatures.MaxWordNGram)
            {
                throw new InvalidDataException($"model features (bits {bits}, char n-grams {minChar}-{maxChar}, word n-grams 1-{maxWord}) differ from this build's.");
            }
            var maxChars = reader.ReadInt32();
            if (maxChars < 1)
            {
                throw new InvalidDataException($"model maxChars must be positive (got {maxChars}).");
            }
            var bias = reader.ReadSingle();
            var count = reader.ReadInt32();
            var weights = new float[1 << bits];
            if (count < 0 || count > weights.Length)
            {
                throw new InvalidDataException($"model weight count {count} is out of range.");
            }
            for (var i = 0; i < count; i++)
            {
                var index = reader.ReadInt32();
                if ((uint)index >= (uint)weights.Length)
                {
                    throw new InvalidDataException($"model weight index {index} is out of range.");
                }
                weights[index] = reader.ReadSingle();
            }
            return new QualityClassifierModel(bits, maxChars, weights, bias);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("quality classifier model file is truncated.", e);
        }
    }
}
