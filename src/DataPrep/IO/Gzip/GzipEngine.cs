using System.Buffers;
using System.IO.Compression;
using Serilog;

namespace DataPrep.IO.Gzip;

/// <summary>
/// The gzip implementation DataPrep reads <c>.gz</c> input and writes gzip blocks with: Intel ISA-L (igzip) when
/// <c>libisal.so.2</c> loads, otherwise zlib-ng through <see cref="System.IO.Compression"/>. Both read and write
/// the same format; ISA-L is about twice as fast, zlib is the one that gives zlib's exact bytes.
/// </summary>
/// <remarks>
/// The choice is made once per process. The environment variable <c>DATAPREP_GZIP</c> overrides it:
/// <c>zlib</c>, <c>isal</c> or <c>auto</c> (the default). When ISA-L is asked for but cannot be used, zlib is
/// used and <see cref="Note"/> says why. Only <see cref="CompressionLevel.Fastest"/> output goes through ISA-L;
/// the other levels ask for ratio, so they stay on zlib.
/// </remarks>
internal sealed class GzipEngine
{
    /// <summary>The environment variable that overrides the engine: <c>zlib</c>, <c>isal</c> or <c>auto</c>.</summary>
    public const string EnvironmentVariable = "DATAPREP_GZIP";

    private static readonly Lazy<(GzipEngine? Isal, string? Problem)> s_isal = new(LoadIsal);
    private static readonly Lazy<GzipEngine> s_current = new(Choose);
    private static readonly AsyncLocal<GzipEngine?> s_override = new();
    private static int s_failureLogged;

    private GzipEngine(string name, IsalLibrary? isal, string? note)
    {
        Name = name;
        Isal = isal;
        Note = note;
    }

    /// <summary>The engine this process uses, e.g. <c>isa-l (libisal.so.2)</c> or <c>zlib-ng (System.IO.Compression)</c>.</summary>
    public static GzipEngine Current => s_current.Value;

    /// <summary>What the engine is, for logs and run statistics.</summary>
    public string Name { get; }

    /// <summary>True when this engine is ISA-L.</summary>
    public bool IsIsal => Isal is not null;

    /// <summary>Why the engine differs from what was asked for (ISA-L absent or failing its self-check), or null.</summary>
    public string? Note { get; }

    /// <inheritdoc />
    public override string ToString() => Note is null ? Name : $"{Name}; {Note}";

    internal IsalLibrary? Isal { get; }

    /// <summary>zlib-ng through System.IO.Compression: always available.</summary>
    internal static GzipEngine Zlib { get; } = new("zlib-ng (System.IO.Compression)", null, null);

    /// <summary>ISA-L, or null when it cannot be loaded or failed its self-check.</summary>
    internal static GzipEngine? IsalEngine => s_isal.Value.Isal;

    /// <summary>The engine in effect here: <see cref="Current"/> unless <see cref="Use"/> overrides it for this async flow.</summary>
    internal static GzipEngine Active => s_override.Value ?? Current;

    /// <summary>Makes <paramref name="engine"/> the engine of this async flow until disposed (tests and benchmarks compare engines side by side).</summary>
    internal static IDisposable Use(GzipEngine engine)
    {
        var previous = s_override.Value;
        s_override.Value = engine;
        return new Restore(previous);
    }

    /// <summary>A decompressing stream over <paramref name="file"/> (owned) that reads every gzip member and throws
    /// <see cref="InvalidDataException"/> on truncated or damaged data.</summary>
    internal Stream OpenRead(Stream file) => Isal is { } isal ? new IsalInflateStream(file, isal) : new GzipMemberStream(file);

    // Logged once per process: a failing ISA-L call falls back to zlib for that block instead of failing the run.
    internal static void ReportFailure(string what)
    {
        if (Interlocked.Exchange(ref s_failureLogged, 1) == 0)
        {
            Log.Warning("ISA-L {Call} failed; using zlib for such blocks from now on", what);
        }
    }

    private static GzipEngine Choose()
    {
        var asked = (Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "auto").Trim().ToLowerInvariant();
        if (asked == "zlib")
        {
            return Zlib;
        }
        var note = asked is "auto" or "" or "isal" or "isa-l"
            ? null
            : $"{EnvironmentVariable}={(asked.Length > 16 ? asked[..16] : asked)} is not zlib, isal or auto, so chosen automatically";
        var (isal, problem) = s_isal.Value;
        if (isal is not null)
        {
            return note is null ? isal : new GzipEngine(isal.Name, isal.Isal, note);
        }
        if (asked is "isal" or "isa-l")
        {
            Log.Warning("{Variable} asks for ISA-L but gzip runs on zlib: {Problem}", EnvironmentVariable, problem);
        }
        return new GzipEngine(Zlib.Name, null, note is null ? $"ISA-L not used: {problem}" : $"{note}; ISA-L not used: {problem}");
    }

    private static (GzipEngine?, string?) LoadIsal()
    {
        var library = IsalLibrary.TryLoad(out var problem);
        if (library is null)
        {
            return (null, problem);
        }
        var engine = new GzipEngine($"isa-l ({library.Name})", library, null);
        var check = SelfCheck(engine);
        return check is null ? (engine, null) : (null, check);
    }

    // Proves the struct offsets on this machine's library: ISA-L compresses a sample, zlib and ISA-L both read it back.
    private static string? SelfCheck(GzipEngine engine)
    {
        try
        {
            var sample = new byte[200_000];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = (byte)("DataPrep igzip self-check "[i % 26] + (i / 4096 % 3));
            }
            var member = IsalDeflate.Compress(engine.Isal!, sample, ArrayPool<byte>.Shared, out var length)
                ?? throw new InvalidDataException("deflate failed");
            var viaZlib = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(member, 0, length), CompressionMode.Decompress))
            {
                gzip.CopyTo(viaZlib);
            }
            var viaIsal = new MemoryStream();
            using (var isal = new IsalInflateStream(new MemoryStream(member, 0, length), engine.Isal!))
            {
                isal.CopyTo(viaIsal);
            }
            ArrayPool<byte>.Shared.Return(member);
            return viaZlib.ToArray().AsSpan().SequenceEqual(sample) && viaIsal.ToArray().AsSpan().SequenceEqual(sample)
                ? null
                : "self-check round trip differs";
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return $"self-check failed ({e.GetType().Name})";
        }
    }

    private sealed class Restore(GzipEngine? previous) : IDisposable
    {
        public void Dispose() => s_override.Value = previous;
    }
}
